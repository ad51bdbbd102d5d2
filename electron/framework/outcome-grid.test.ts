import { describe, expect, it } from 'vitest';
import type { Dimension, Framework, Outcome } from './framework-service.js';
import { buildOutcomeView, dimensionWord, outcomeFor } from './outcome-grid.js';

// The default framework (resources/frameworks/state-capacity.json) as the host returns it, with
// levels deliberately listed low-first to show the grid sorts by rank itself.
function dimension(key: string, name: string): Dimension {
  return {
    id: `d-${key}`,
    key,
    name,
    question: `${name}?`,
    levels: [
      { id: `${key}-low`, key: 'low', name: 'low', rank: 0 },
      { id: `${key}-high`, key: 'high', name: 'high', rank: 1 },
    ],
  };
}

function outcome(key: string, color: string): Outcome {
  return { id: `o-${key}`, key, name: key, meaning: `${key} meaning`, color };
}

function stateCapacity(): Framework {
  const rule = (capability: string, willingness: string, outcomeKey: string) => ({
    outcomeId: `o-${outcomeKey}`,
    levels: { 'd-capability': `capability-${capability}`, 'd-willingness': `willingness-${willingness}` },
  });
  return {
    id: 'f1',
    name: 'State capacity',
    description: '',
    template: 'state-capacity',
    dimensions: [dimension('capability', 'Capability'), dimension('willingness', 'Willingness')],
    outcomes: [
      outcome('hegemonic', '#2e7d32'),
      outcome('captured', '#c62828'),
      outcome('degraded', '#f9a825'),
      outcome('failed', '#424242'),
    ],
    rules: [
      rule('high', 'high', 'hegemonic'),
      rule('high', 'low', 'captured'),
      rule('low', 'high', 'degraded'),
      rule('low', 'low', 'failed'),
    ],
    units: [],
    periods: [],
  };
}

describe('buildOutcomeView', () => {
  it('lays out the memo’s Table 1 for two dimensions, highest rank first', () => {
    const view = buildOutcomeView(stateCapacity());
    if (view.kind !== 'grid') throw new Error('expected a grid');
    expect(view.rowDimension.name).toBe('Capability');
    expect(view.columns.map((c) => c.label)).toEqual(['high willingness', 'low willingness']);
    expect(view.rows.map((r) => r.heading.label)).toEqual(['high capability', 'low capability']);
    expect(view.rows.map((r) => r.cells.map((c) => c?.name ?? null))).toEqual([
      ['hegemonic', 'captured'],
      ['degraded', 'failed'],
    ]);
  });

  it('leaves a cell empty when no rule covers it', () => {
    const fw = stateCapacity();
    fw.rules = fw.rules.filter((r) => r.outcomeId !== 'o-failed');
    const view = buildOutcomeView(fw);
    if (view.kind !== 'grid') throw new Error('expected a grid');
    expect(view.rows[1]?.cells[1]).toBeNull();
  });

  it('lists the rules for any other number of dimensions', () => {
    const fw = stateCapacity();
    const third = dimension('legitimacy', 'Legitimacy');
    fw.dimensions.push(third);
    fw.rules = [
      {
        outcomeId: 'o-hegemonic',
        levels: { 'd-capability': 'capability-high', 'd-willingness': 'willingness-high', 'd-legitimacy': 'legitimacy-high' },
      },
      { outcomeId: 'o-gone', levels: { 'd-capability': 'capability-low' } },
    ];
    const view = buildOutcomeView(fw);
    if (view.kind !== 'rules') throw new Error('expected rules');
    expect(view.rules[0]?.levels.map((l) => l.label)).toEqual(['high capability', 'high willingness', 'high legitimacy']);
    expect(view.rules[0]?.outcome?.name).toBe('hegemonic');
    expect(view.rules[1]?.levels.map((l) => l.level?.name ?? null)).toEqual(['low', null, null]);
    expect(view.rules[1]?.outcome).toBeNull();
  });

  it('lists rules for a single dimension too', () => {
    const fw = stateCapacity();
    fw.dimensions = fw.dimensions.slice(0, 1);
    fw.rules = [{ outcomeId: 'o-failed', levels: { 'd-capability': 'capability-low' } }];
    const view = buildOutcomeView(fw);
    expect(view.kind).toBe('rules');
  });
});

describe('outcomeFor', () => {
  it('finds the outcome for a combination of levels', () => {
    expect(outcomeFor(stateCapacity(), { 'd-capability': 'capability-high', 'd-willingness': 'willingness-low' })?.name).toBe('captured');
  });
});

describe('dimensionWord', () => {
  it('lowers a capitalised word but keeps acronyms', () => {
    expect(dimensionWord('Capability')).toBe('capability');
    expect(dimensionWord('EU support')).toBe('EU support');
    expect(dimensionWord('willingness')).toBe('willingness');
    expect(dimensionWord('')).toBe('');
  });
});
