import { describe, expect, it } from 'vitest';
import { changeLines, changeSentence, conflictWhat, stampTime, valueText } from './wording';

const tables = {
  codes: { added: 3, changed: 0 },
  excerpts: { added: 0, changed: 12 },
  levels: { added: 1, changed: 0 },
  outcomes: { added: 1, changed: 1 },
  identities: { added: 2, changed: 0 },
  coders: { added: 0, changed: 0 },
};

describe('merge wording', () => {
  it('says what changes in a researcher’s words, identities only when asked', () => {
    expect(changeSentence(tables, 1, false)).toBe(
      '12 changed excerpts, 3 new codes, 2 new framework parts, 1 changed framework part, 1 conflict',
    );
    expect(changeSentence(tables, 0, true)).toContain('2 new identities (real names)');
    expect(changeSentence({ codes: { added: 0, changed: 0 } }, 0, false)).toBe('nothing new');
    expect(changeLines(tables, false)).toEqual([
      { label: 'Excerpts', added: 0, changed: 12 },
      { label: 'Codes', added: 3, changed: 0 },
      { label: 'Framework parts', added: 2, changed: 1 },
    ]);
  });

  it('names a conflict’s field and row, and reads a stamp’s time', () => {
    expect(conflictWhat('codes', 'name', 'borders')).toBe('Code name — borders');
    expect(conflictWhat('excerpts', 'document_id', '')).toBe('Excerpt document');
    expect(stampTime('2026-11-23T08:57:38.123Z-0001-4f2a9c0d1e2b3a4c')).toBe(
      new Date('2026-11-23T08:57:38.123Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    );
    expect(valueText(null)).toBe('(empty)');
    expect(valueText(3)).toBe('3');
  });
});
