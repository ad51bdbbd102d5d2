import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../electron/search/query';
import { asYouTypeQuery } from './excerpt-choices';

describe('asYouTypeQuery', () => {
  it('makes the last word a prefix, so a word is found while it is typed', () => {
    expect(asYouTypeQuery('fue')).toBe('fue*');
    expect(asYouTypeQuery('  border fue ')).toBe('border fue*');
    expect(asYouTypeQuery('Душан')).toBe('Душан*');
  });

  it('leaves phrases, operators, prefixes and empty input as typed', () => {
    expect(asYouTypeQuery('')).toBe('');
    expect(asYouTypeQuery('   ')).toBe('');
    expect(asYouTypeQuery('"drug trade"')).toBe('"drug trade"');
    expect(asYouTypeQuery('"drug tra')).toBe('"drug tra');
    expect(asYouTypeQuery('fuel AND')).toBe('fuel AND');
    expect(asYouTypeQuery('collu*')).toBe('collu*');
    expect(asYouTypeQuery('(fuel OR water)')).toBe('(fuel OR water)');
  });

  it('gives queries the search can read, whatever is typed (but a dangling operator)', () => {
    for (const typed of ['fue', 'border fue', '"drug tra', '"drug trade"', 'collu*', '(fuel OR water)', "don't", 'x-ray', '1991'])
      expect(() => compileQuery(asYouTypeQuery(typed))).not.toThrow();
  });
});
