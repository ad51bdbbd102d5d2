// The built-in template against ../shared/framework.md, and template export/import.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject } from '../project/open-project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';
import { exportTemplate, getFramework, importTemplate, type Framework } from './framework-service.js';
import { defaultTemplate, parseTemplate } from './template.js';

const dir = tempDir();
let n = 0;
const newProject = async () => (await createProject(join(dir, `f${++n}.fieldcoder`), testAuthor, { name: 'F' })).project;

/** The outcome for a combination of level keys, read from the project's rules. */
function outcomeFor(fw: Framework, levels: Record<string, string>): string | undefined {
  const ids = Object.fromEntries(fw.dimensions.map((d) => [d.id, d.levels.find((l) => l.key === levels[d.key])!.id]));
  const rule = fw.rules.find((r) => fw.dimensions.every((d) => r.levels[d.id] === ids[d.id]));
  return fw.outcomes.find((o) => o.id === rule?.outcomeId)?.name;
}

describe('the default framework in a new project', () => {
  it('matches the memo: two dimensions, high/low, and Table 1', async () => {
    const p = await newProject();
    const fw = getFramework(p);
    expect(fw.dimensions.map((d) => d.name)).toEqual(['Capability', 'Willingness']);
    for (const d of fw.dimensions) expect(d.levels.map((l) => l.key)).toEqual(['high', 'low']);
    expect(outcomeFor(fw, { capability: 'high', willingness: 'high' })).toBe('hegemonic');
    expect(outcomeFor(fw, { capability: 'high', willingness: 'low' })).toBe('captured');
    expect(outcomeFor(fw, { capability: 'low', willingness: 'high' })).toBe('degraded');
    expect(outcomeFor(fw, { capability: 'low', willingness: 'low' })).toBe('failed');
    p.close();
  });

  it('has the Table 2 units, the other named units with their aliases, and the four periods', async () => {
    const p = await newProject();
    const fw = getFramework(p);
    expect(fw.units.filter((u) => u.inMatrix).map((u) => u.name)).toEqual(['Sughd Province', 'GBAO', 'Tajik–Afghan border']);
    const names = fw.units.map((u) => u.name);
    for (const u of ['Tajikistan', 'Khatlon Province', 'Lower Panj district', 'Dushanbe']) expect(names).toContain(u);
    const aliases = (name: string) => fw.units.find((u) => u.name === name)!.aliases;
    expect(aliases('Khatlon Province')).toContain('Hatlon');
    expect(aliases('Lower Panj district')).toEqual(expect.arrayContaining(['Panj', 'Pyanj']));
    expect(aliases('GBAO')).toEqual(expect.arrayContaining(['Gorno-Badakhshan', 'Badakhshan', 'VMKB']));
    expect(fw.periods.map((x) => x.name)).toEqual(['1991–1997', '1997–2005', '2005–2010', '2010–2015']);
    expect(fw.periods[0]).toMatchObject({ start: 1991, end: 1997 });
    p.close();
  });

  it('brings the memo’s themes and risk factors as codes', async () => {
    const p = await newProject();
    const codes = (p.db.prepare('SELECT name FROM codes WHERE deleted = 0').all() as { name: string }[]).map((c) => c.name);
    const md = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'framework.md'), 'utf8');
    const listAfter = (heading: string): string[] =>
      md
        .split(heading)[1]!
        .trim()
        .split('\n\n')[0]!
        .replace(/\.$/, '')
        .split(';')
        .map((s) => s.trim().replace(/\s+/g, ' '));
    for (const theme of listAfter('## Themes the memo codes its interviews by')) expect(codes).toContain(theme);
    for (const risk of listAfter('## Risk factors of captured capacity')) expect(codes).toContain(risk);
    p.close();
  });
});

describe('framework templates', () => {
  it('export then import into another project gives the same framework and codebook', async () => {
    const a = await newProject();
    const exported = exportTemplate(a);
    expect(exported).toEqual(defaultTemplate());
    const b = await newProject();
    importTemplate(b, JSON.stringify(exported));
    expect(exportTemplate(b)).toEqual(exported);
    // importing again does not duplicate the starter codes
    expect((b.db.prepare('SELECT count(*) AS n FROM codes').get() as { n: number }).n).toBe(13);
    a.close();
    b.close();
  });

  it('a user-defined ordinal framework with three dimensions imports and becomes active', async () => {
    const p = await newProject();
    const t = {
      format: 'field-coder-framework',
      formatVersion: 1,
      key: 'ordinal-test',
      name: 'Ordinal',
      dimensions: ['a', 'b', 'c'].map((k) => ({
        key: k,
        name: k.toUpperCase(),
        levels: [0, 1, 2].map((r) => ({ key: `l${r}`, name: `level ${r}`, rank: r })),
      })),
      outcomes: [{ key: 'x', name: 'X' }],
      rules: [{ levels: { a: 'l0', b: 'l1', c: 'l2' }, outcome: 'x' }],
      units: [{ key: 'u', name: 'Unit', aliases: ['You'] }],
      periods: [{ name: 'Now' }],
    };
    const fw = importTemplate(p, JSON.stringify(t));
    expect(getFramework(p).id).toBe(fw.id);
    expect(fw.dimensions).toHaveLength(3);
    expect(fw.dimensions[0]!.levels.map((l) => l.rank)).toEqual([2, 1, 0]);
    p.close();
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['a foreign JSON file', '{"hello": 1}', /not valid/],
    [
      'a rule naming an unknown level',
      JSON.stringify({ ...defaultTemplate(), rules: [{ levels: { capability: 'medium', willingness: 'high' }, outcome: 'hegemonic' }] }),
      /unknown level "medium"/,
    ],
    [
      'a rule missing a dimension',
      JSON.stringify({ ...defaultTemplate(), rules: [{ levels: { capability: 'high' }, outcome: 'hegemonic' }] }),
      /no level for dimension "willingness"/,
    ],
    [
      'two rules for one cell',
      JSON.stringify({ ...defaultTemplate(), rules: [defaultTemplate().rules[0], defaultTemplate().rules[0]] }),
      /same levels/,
    ],
    [
      'a unit cycle',
      JSON.stringify({
        ...defaultTemplate(),
        units: [
          { key: 'a', name: 'A', parent: 'b' },
          { key: 'b', name: 'B', parent: 'a' },
        ],
      }),
      /own ancestor/,
    ],
    [
      'duplicate dimension keys',
      JSON.stringify({ ...defaultTemplate(), dimensions: [defaultTemplate().dimensions[0], defaultTemplate().dimensions[0]] }),
      /appears twice/,
    ],
  ])('refuses %s with a clear message and changes nothing', async (_label, json, message) => {
    const p = await newProject();
    const before = exportTemplate(p);
    const frameworks = p.db.prepare('SELECT count(*) AS n FROM frameworks').get();
    expect(() => importTemplate(p, json)).toThrow(message);
    expect(exportTemplate(p)).toEqual(before);
    expect(p.db.prepare('SELECT count(*) AS n FROM frameworks').get()).toEqual(frameworks);
    p.close();
  });

  it('the shipped template is valid on its own', () => {
    expect(() =>
      parseTemplate(readFileSync(join(__dirname, '..', '..', 'resources', 'frameworks', 'state-capacity.json'), 'utf8')),
    ).not.toThrow();
  });
});
