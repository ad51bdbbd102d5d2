import { describe, expect, it } from 'vitest';
import shippedJson from '../../../../resources/frameworks/state-capacity.json';
import {
  combinations,
  comboKey,
  fromTemplate,
  gridOf,
  keyFromName,
  move,
  newUid,
  parseAliases,
  readableSaveProblem,
  problemsOf,
  setRule,
  toTemplate,
  uniqueKey,
  type Template,
} from './model';

// The shipped default template: two dimensions (low/high), four outcomes, units and periods.
const shipped = shippedJson as unknown as Template;
const template: Template = {
  ...shipped,
  description: shipped.description ?? '',
  dimensions: shipped.dimensions.map((d, i) => ({ ...d, id: `00000000-0000-4000-8000-00000000000${i}` })),
};

describe('keys from names', () => {
  it('lower-cases, keeps a-z0-9 and -, drops accents and punctuation', () => {
    expect(keyFromName('Rasht Valley')).toBe('rasht-valley');
    expect(keyFromName('  Tajik–Afghan border! ')).toBe('tajik-afghan-border');
    expect(keyFromName('Ḫatlon (1990s)')).toBe('hatlon-1990s');
    expect(keyFromName('2015–2021')).toBe('2015-2021');
  });
  it('is never empty and stays within the host’s 64 characters', () => {
    expect(keyFromName('')).toBe('item');
    expect(keyFromName('Душанбе')).toBe('item');
    expect(keyFromName('a'.repeat(200)).length).toBeLessThanOrEqual(56);
    expect(keyFromName('a'.repeat(55) + ' b')).not.toMatch(/-$/);
  });
  it('is unique against the keys taken', () => {
    const taken = new Set(['north', 'north-2']);
    expect(uniqueKey('North', taken)).toBe('north-3');
    expect(uniqueKey('North', taken)).toBe('north-4');
    expect(uniqueKey('South', taken)).toBe('south');
  });
});

describe('template ⇄ editor', () => {
  it('round-trips the shipped template without changing it', () => {
    const back = toTemplate(fromTemplate(template));
    // Levels come back lowest first, ranked 0, 1, … (the shipped ranks already are).
    const byRank = template.dimensions.map((d) => ({ ...d, levels: [...d.levels].sort((x, y) => x.rank - y.rank) }));
    expect(back.dimensions).toEqual(byRank);
    expect(back.outcomes).toEqual(template.outcomes);
    expect(new Set(back.rules.map((r) => JSON.stringify(r)))).toEqual(new Set(template.rules.map((r) => JSON.stringify(r))));
    expect(back.units.map((u) => [u.key, u.parent, u.aliases])).toEqual(template.units.map((u) => [u.key, u.parent, u.aliases]));
    expect(back.periods.map((p) => p.name)).toEqual(template.periods.map((p) => p.name));
    expect(problemsOf(fromTemplate(template))).toEqual([]);
  });

  it('gives new rows keys from their names, unique among their siblings', () => {
    const e = fromTemplate(template);
    e.units.push({
      uid: newUid(),
      name: 'Rasht Valley',
      kind: 'region',
      parent: e.units[0]!.uid,
      inMatrix: true,
      description: '',
      aliases: ['Karategin'],
    });
    e.units.push({ uid: newUid(), name: 'Rasht valley', kind: '', parent: '', inMatrix: false, description: '', aliases: [] });
    e.periods.push({ uid: newUid(), name: '2015–2021', start: '2015', end: '2021' });
    const t = toTemplate(e);
    const [a, b] = t.units.slice(-2);
    expect(a).toMatchObject({ key: 'rasht-valley', parent: template.units[0]!.key, aliases: ['Karategin'] });
    expect(a).not.toHaveProperty('id');
    expect(b).toMatchObject({ key: 'rasht-valley-2', inMatrix: false });
    expect(b).not.toHaveProperty('parent');
    expect(t.periods.at(-1)).toEqual({ name: '2015–2021', start: 2015, end: 2021 });
  });

  it('ranks levels by their order, and a three-level scale keeps its rules', () => {
    const e = fromTemplate(template);
    const [capability] = e.dimensions;
    capability!.levels.splice(1, 0, { uid: newUid(), name: 'Medium' });
    const t = toTemplate(e);
    expect(t.dimensions[0]!.levels.map((l) => [l.key, l.rank])).toEqual([
      [template.dimensions[0]!.levels.find((l) => l.rank === 0)!.key, 0],
      ['medium', 1],
      [template.dimensions[0]!.levels.find((l) => l.rank === 1)!.key, 2],
    ]);
    // No outcome chosen for the new level yet: only the four old rules.
    expect(t.rules).toHaveLength(4);
  });

  it('drops rules for removed levels and outcomes', () => {
    const e = fromTemplate(template);
    e.dimensions[1]!.levels.pop();
    expect(toTemplate(e).rules).toHaveLength(2);
  });
});

describe('outcome grid', () => {
  it('reads the rules into a grid, highest rank first', () => {
    const e = fromTemplate(template);
    const grid = gridOf(e)!;
    expect(grid.rows.map((l) => l.name)).toEqual([...e.dimensions[0]!.levels].reverse().map((l) => l.name));
    const outcomeName = (uid: string) => e.outcomes.find((o) => o.uid === uid)?.name;
    // The memo's Table 1: high capability + high willingness -> hegemonic.
    expect(outcomeName(grid.cells[0]![0]!)).toBe('hegemonic');
    expect(grid.cells.flat().every((c) => c !== '')).toBe(true);
  });

  it('writes a chosen cell back as a rule, and clears it', () => {
    let e = fromTemplate(template);
    const grid = gridOf(e)!;
    const failed = e.outcomes.find((o) => o.name === 'failed')!;
    e = setRule(e, [grid.rows[0]!.uid, grid.columns[0]!.uid], failed.uid);
    expect(gridOf(e)!.cells[0]![0]).toBe(failed.uid);
    const top = toTemplate(e).rules.find(
      (r) => r.levels[template.dimensions[0]!.key] === grid.rows[0]!.key && r.levels[template.dimensions[1]!.key] === grid.columns[0]!.key,
    );
    expect(top?.outcome).toBe(failed.key);
    e = setRule(e, [grid.rows[0]!.uid, grid.columns[0]!.uid], '');
    expect(gridOf(e)!.cells[0]![0]).toBe('');
    expect(toTemplate(e).rules).toHaveLength(3);
  });

  it('is a list of combinations for other numbers of dimensions', () => {
    const e = fromTemplate(template);
    e.dimensions.push({
      uid: 'd3',
      name: 'EU support',
      question: '',
      levels: [
        { uid: 'x', name: 'no' },
        { uid: 'y', name: 'some' },
        { uid: 'z', name: 'much' },
      ],
    });
    expect(gridOf(e)).toBeNull();
    const combos = combinations(e.dimensions);
    expect(combos).toHaveLength(2 * 2 * 3);
    expect(new Set(combos.map((c) => comboKey(c.map((l) => l.uid)))).size).toBe(12);
    // The old two-dimension rules no longer name a level of every dimension: none are sent.
    expect(toTemplate(e).rules).toEqual([]);
  });
});

describe('small helpers', () => {
  it('parses aliases and moves items', () => {
    expect(parseAliases(' Karategin,Qarotegin , ,')).toEqual(['Karategin', 'Qarotegin']);
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
  it('names problems a person can fix', () => {
    const e = fromTemplate(template);
    e.name = ' ';
    e.units[1]!.name = '';
    e.periods.push({ uid: newUid(), name: 'late', start: '2021', end: '2015' });
    expect(problemsOf(e)).toEqual(['The framework needs a name.', 'Unit 2 needs a name.', 'Period “late” ends before it starts.']);
  });
});

describe('the host’s refusals', () => {
  it('read with row numbers instead of paths', () => {
    expect(
      readableSaveProblem(
        'This framework template is not valid: units.7.name: Too small: expected string to have >=1 characters; dimensions.0.levels.2.key: bad.',
      ),
    ).toBe('The framework was not saved: unit 8 name: Too small: expected string to have >=1 characters; dimension 1 level 3 key: bad.');
    expect(readableSaveProblem('The level "mid" of Capability has 2 judgements; move or delete them before removing it.')).toBe(
      'The level "mid" of Capability has 2 judgements; move or delete them before removing it.',
    );
  });
});
