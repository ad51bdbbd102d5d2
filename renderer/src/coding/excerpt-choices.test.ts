import { describe, expect, it } from 'vitest';
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
});
