import { describe, expect, it } from 'vitest';
import type { Citable } from '../../../electron/api/contract';
import { citeQueryAt, insertKey, matchCitables } from './citation-query';
import { evidenceDirective, insertOnOwnLine, matrixDirective } from './directives';

const at = (s: string) => citeQueryAt(s, s.length);

describe('citeQueryAt', () => {
  it('finds a key typed after [, -, a space or ; inside an open bracket', () => {
    expect(at('As shown [@mark')).toEqual({ at: 10, prefix: 'mark' });
    expect(at('[-@')).toEqual({ at: 2, prefix: '' });
    expect(at('[see @ma')).toEqual({ at: 5, prefix: 'ma' });
    expect(at('[@a, p. 3; @int-')).toEqual({ at: 11, prefix: 'int-' });
  });
  it('ignores @ outside brackets, in e-mail addresses and after a closed bracket', () => {
    expect(at('write to me@example.org')).toBeNull();
    expect(at('[@a] then @b')).toBeNull();
    expect(at('@key')).toBeNull();
    expect(at('[x]\n@b')).toBeNull();
  });
});

describe('matchCitables', () => {
  const list: Citable[] = [
    { key: 'smith2010', kind: 'reference', label: 'Borders', detail: 'Smith, 2010' },
    { key: 'int-a1b2', kind: 'interview', label: 'Interview with an NGO team leader, Dushanbe', detail: '2016-05-01' },
    { key: 'markowitz2013', kind: 'reference', label: 'State Erosion', detail: 'Markowitz, 2013' },
  ];
  it('puts key prefixes first and also matches titles and details', () => {
    expect(matchCitables(list, 'mark').map((c) => c.key)).toEqual(['markowitz2013']);
    expect(matchCitables(list, 'dushanbe').map((c) => c.key)).toEqual(['int-a1b2']);
    expect(matchCitables(list, '').length).toBe(3);
  });
});

describe('insertKey', () => {
  it('replaces the typed prefix and the rest of the key under the caret', () => {
    const text = 'See [@mar, p. 2]';
    const q = citeQueryAt(text, 9)!;
    expect(insertKey(text, q, 9, 'markowitz2013')).toEqual({ text: 'See [@markowitz2013, p. 2]', caret: 19 });
    const mid = 'See [@maXX]';
    expect(insertKey(mid, citeQueryAt(mid, 8)!, 8, 'mk').text).toBe('See [@mk]');
  });
});

describe('directives', () => {
  it('writes the matrix and evidence forms', () => {
    expect(matrixDirective({ kind: 'consensus' })).toBe('{{matrix view=consensus}}');
    expect(matrixDirective({ kind: 'pooled' })).toBe('{{matrix view=pooled}}');
    expect(matrixDirective({ kind: 'coder', name: 'Ann "A" Lee' })).toBe(`{{matrix coder="Ann 'A' Lee"}}`);
    expect(evidenceDirective('GBAO', '1997–2005')).toBe('{{evidence unit="GBAO" period="1997–2005"}}');
  });
  it('puts a directive on its own line between blank lines', () => {
    expect(insertOnOwnLine('Text here', 4, 4, '{{outcomes}}')).toEqual({ text: 'Text\n\n{{outcomes}}\n\nhere', caret: 20 });
    expect(insertOnOwnLine('', 0, 0, '{{outcomes}}')).toEqual({ text: '{{outcomes}}\n', caret: 13 });
    expect(insertOnOwnLine('Para.\n\n', 7, 7, '{{x}}')).toEqual({ text: 'Para.\n\n{{x}}\n', caret: 13 });
  });
});
