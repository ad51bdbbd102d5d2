import { describe, expect, it } from 'vitest';
import type { MatrixCell } from '../../../electron/api/contract';
import { shortcutIndex } from './CodePicker';
import { agreementMark, cellLabel, cutPieces, layoutLanes, selectionToOffsets, wordStep } from './logic';

describe('selectionToOffsets', () => {
  const text = 'First para.\n\nSecond 😀 para here.';
  it('maps points in paragraphs to code points, in either order, trimming whitespace', () => {
    const second = text.indexOf('Second');
    expect(selectionToOffsets(text, { paragraphStart: second, within: 0 }, { paragraphStart: second, within: 6 })).toEqual({
      start: 13,
      end: 19,
    });
    // After the emoji (two UTF-16 units, one code point).
    const after = text.indexOf(' para here');
    const r = selectionToOffsets(text, { paragraphStart: second, within: after - second + 10 }, { paragraphStart: 0, within: 6 });
    expect(r).toEqual({ start: 6, end: [...text.slice(0, after + 10)].length });
    expect(selectionToOffsets(text, { paragraphStart: 0, within: 11 }, { paragraphStart: second, within: 0 })).toBeNull();
  });
});

describe('layoutLanes', () => {
  it('puts overlapping spans in separate lanes and reuses free lanes', () => {
    const lanes = layoutLanes([
      { id: 'a', start: 0, end: 10 },
      { id: 'b', start: 5, end: 15 },
      { id: 'c', start: 10, end: 12 },
      { id: 'd', start: 16, end: 20 },
    ]);
    expect(lanes.get('a')).toBe(0);
    expect(lanes.get('b')).toBe(1);
    expect(lanes.get('c')).toBe(0);
    expect(lanes.get('d')).toBe(0);
  });
});

describe('cutPieces', () => {
  it('cuts at marks and excerpts', () => {
    const pieces = cutPieces(10, [{ start: 2, end: 4 }], [{ id: 'x', start: 3, end: 8 }], 0);
    expect(pieces.map((p) => [p.start, p.end, p.mark, p.excerptIds.join()])).toEqual([
      [0, 2, false, ''],
      [2, 3, true, ''],
      [3, 4, true, 'x'],
      [4, 8, false, 'x'],
      [8, 10, false, ''],
    ]);
    expect(pieces[1]?.current).toBe(true);
  });
});

describe('cellLabel', () => {
  const outcomes = [{ id: 'o1', name: 'degraded', color: '#f90' }];
  const base: MatrixCell = {
    unitId: 'u',
    periodId: 'p',
    outcomeId: 'o1',
    status: 'complete',
    dimensions: [{ dimensionId: 'd', status: 'set', levelId: 'l', levels: ['l'], judgements: 1 }],
    evidenceCount: 1,
    agreed: true,
    hasConsensus: false,
  };
  it('shows the outcome only when complete, never a guess', () => {
    expect(cellLabel(base, outcomes)).toEqual({ kind: 'outcome', text: 'degraded', color: '#f90' });
    expect(cellLabel({ ...base, status: 'conflict', outcomeId: null }, outcomes).text).toBe('conflict');
    expect(cellLabel({ ...base, status: 'missing', outcomeId: 'o1' }, outcomes).text).toBe('missing');
    expect(cellLabel(undefined, outcomes).kind).toBe('missing');
    expect(cellLabel({ ...base, status: 'unmapped', outcomeId: null }, outcomes).kind).toBe('unmapped');
  });
  it('marks agreement', () => {
    expect(agreementMark(base)?.symbol).toBe('✓');
    expect(agreementMark({ ...base, agreed: false })?.label).toBe('disagreement');
    expect(agreementMark({ ...base, dimensions: [] })).toBeNull();
  });
});

describe('wordStep', () => {
  it('moves by a word either way', () => {
    const text = 'one two  three';
    expect(wordStep(text, 0, 1)).toBe(3);
    expect(wordStep(text, 3, 1)).toBe(7);
    expect(wordStep(text, 7, -1)).toBe(4);
    expect(wordStep(text, 4, -1)).toBe(0);
    expect(wordStep(text, 14, 1)).toBe(14);
  });
});

describe('code picker shortcuts', () => {
  it('Alt+1 … Alt+8 pick by position; other chords do not', () => {
    const k = (code: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
      altKey: true,
      ctrlKey: false,
      metaKey: false,
      code,
      ...mods,
    });
    expect(shortcutIndex(k('Digit1'))).toBe(0);
    expect(shortcutIndex(k('Numpad8'))).toBe(7);
    expect(shortcutIndex(k('Digit9'))).toBeNull();
    expect(shortcutIndex(k('Digit1', { altKey: false }))).toBeNull();
    expect(shortcutIndex(k('Digit1', { ctrlKey: true }))).toBeNull();
    expect(shortcutIndex(k('KeyA'))).toBeNull();
  });
});
