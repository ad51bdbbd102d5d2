import { describe, expect, it } from 'vitest';
import type { Code } from '../../../electron/api/contract';
import { formatFigure } from '../matrix/AgreementSection';
import { treeRows } from './CodeTree';

function code(id: string, parentId: string | null, name: string, sortOrder = 0): Code {
  return { id, parentId, name, color: '', description: '', sortOrder, excerptCount: 0, deleted: false };
}

describe('treeRows', () => {
  it('puts parents before children, siblings by sort order then name, orphans at the top level', () => {
    const rows = treeRows([
      code('c', 'a', 'zeta'),
      code('a', null, 'Themes', 1),
      code('b', 'a', 'alpha'),
      code('d', null, 'Risks', 0),
      code('e', 'gone', 'orphan', 2),
    ]);
    expect(rows.map((r) => `${'-'.repeat(r.depth)}${r.code.name}`)).toEqual(['Risks', 'Themes', '-alpha', '-zeta', 'orphan']);
  });
});

describe('formatFigure', () => {
  it('shows a dash for no value, percent or two decimals otherwise', () => {
    expect(formatFigure(null)).toBe('—');
    expect(formatFigure({ value: null, n: 0 })).toBe('—');
    expect(formatFigure({ value: 0.5, n: 2 }, true)).toBe('50%');
    expect(formatFigure({ value: 0.4123, n: 2 })).toBe('0.41');
  });
});
