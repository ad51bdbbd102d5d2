// Turns a framework's outcome rules into what the Framework screen shows: for two dimensions,
// the memo's table (rows: the first dimension's levels, columns: the second's, highest rank
// first); for any other number of dimensions, one line per rule.
import type { Dimension, Framework, Level, Outcome } from './framework-service.js';

export interface LevelHeading {
  level: Level;
  /** "high capability": the level, then the dimension as a word in the sentence. */
  label: string;
}

export interface OutcomeGrid {
  kind: 'grid';
  rowDimension: Dimension;
  columnDimension: Dimension;
  columns: LevelHeading[];
  rows: { heading: LevelHeading; cells: (Outcome | null)[] }[];
}

export interface OutcomeRuleLine {
  /** One entry per dimension, in the framework's order; null where the rule names no known level. */
  levels: { dimension: Dimension; level: Level | null; label: string }[];
  outcome: Outcome | null;
}

export interface OutcomeRuleList {
  kind: 'rules';
  rules: OutcomeRuleLine[];
}

export type OutcomeView = OutcomeGrid | OutcomeRuleList;

/**
 * A dimension's name as it reads after a level ("high capability"): the first letter lowered,
 * unless the name starts with an acronym ("EU support" stays as it is).
 */
export function dimensionWord(name: string): string {
  const [first, second] = name;
  if (first === undefined) return name;
  if (second !== undefined && second !== second.toLowerCase()) return name;
  return first.toLowerCase() + name.slice(1);
}

export function levelLabel(level: Level, dimension: Dimension): string {
  return `${level.name} ${dimensionWord(dimension.name)}`;
}

/** Highest rank first, as the memo's tables read; ties keep their order. */
export function levelsByRank(dimension: Dimension): Level[] {
  return [...dimension.levels].sort((a, b) => b.rank - a.rank);
}

/** The outcome whose rule matches these levels (dimension id -> level id) on every dimension given. */
export function outcomeFor(framework: Framework, levels: Record<string, string>): Outcome | null {
  const wanted = Object.entries(levels);
  const rule = framework.rules.find((r) => wanted.every(([dimensionId, levelId]) => r.levels[dimensionId] === levelId));
  if (!rule) return null;
  return framework.outcomes.find((o) => o.id === rule.outcomeId) ?? null;
}

export function buildOutcomeView(framework: Framework): OutcomeView {
  const [rowDimension, columnDimension] = framework.dimensions;
  if (framework.dimensions.length === 2 && rowDimension && columnDimension) {
    const columnLevels = levelsByRank(columnDimension);
    return {
      kind: 'grid',
      rowDimension,
      columnDimension,
      columns: columnLevels.map((level) => ({ level, label: levelLabel(level, columnDimension) })),
      rows: levelsByRank(rowDimension).map((rowLevel) => ({
        heading: { level: rowLevel, label: levelLabel(rowLevel, rowDimension) },
        cells: columnLevels.map((columnLevel) =>
          outcomeFor(framework, { [rowDimension.id]: rowLevel.id, [columnDimension.id]: columnLevel.id }),
        ),
      })),
    };
  }
  return {
    kind: 'rules',
    rules: framework.rules.map((rule) => ({
      levels: framework.dimensions.map((dimension) => {
        const level = dimension.levels.find((l) => l.id === rule.levels[dimension.id]) ?? null;
        return { dimension, level, label: level ? levelLabel(level, dimension) : `no level of ${dimensionWord(dimension.name)}` };
      }),
      outcome: framework.outcomes.find((o) => o.id === rule.outcomeId) ?? null,
    })),
  };
}
