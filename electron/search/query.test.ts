// The search language and its translation to FTS5: operators, phrases, prefixes, aliases, and
// no way to inject FTS5 syntax.
import { describe, expect, it } from 'vitest';
import { asYouTypeQuery } from '../../renderer/src/coding/excerpt-choices.js';
import { compileQuery, foldKey } from './query.js';

const aliases = new Map([
  ['khatlon', ['Khatlon Province', 'Khatlon', 'Hatlon']],
  ['hatlon', ['Khatlon Province', 'Khatlon', 'Hatlon']],
  ['khatlon province', ['Khatlon Province', 'Khatlon', 'Hatlon']],
]);

describe('compileQuery', () => {
  it('quotes words and phrases, keeps prefixes and operators, ANDs adjacent terms', () => {
    expect(compileQuery('border security').match).toBe('"border" AND "security"');
    expect(compileQuery('"drug trade" OR traffick*').match).toBe('"drug trade" OR "traffick"*');
    expect(compileQuery('Taliban NOT ISIS').match).toBe('"Taliban" NOT "ISIS"');
    expect(compileQuery('(Sughd OR GBAO) captured').match).toBe('( "Sughd" OR "GBAO" ) AND "captured"');
  });

  it('cannot inject FTS5 syntax: column filters, NEAR, quotes and carets are just text', () => {
    expect(compileQuery('title:secret').match).toBe('"title:secret"');
    expect(compileQuery('NEAR(a b)').match).toBe('"NEAR" AND ( "a" AND "b" )');
    expect(compileQuery('say "he said ""hi""').match).toBe('"say" AND "he said" AND "hi"');
    expect(compileQuery('^start').match).toBe('"^start"');
  });

  it('refuses dangling operators and unbalanced parentheses with a clear message', () => {
    expect(() => compileQuery('OR Dushanbe')).toThrow(/needs a word/);
    expect(() => compileQuery('Dushanbe AND')).toThrow(/ends with an operator/);
    expect(() => compileQuery('(Dushanbe')).toThrow(/parentheses/);
    expect(() => compileQuery('Dushanbe)')).toThrow(/parentheses/);
  });

  it('expands unit names and aliases, and reports the expansion', () => {
    const c = compileQuery('Khatlon drugs', aliases);
    expect(c.match).toBe('("Khatlon" OR "Khatlon Province" OR "Hatlon") AND "drugs"');
    expect(c.expandedWith).toEqual(['Khatlon Province', 'Hatlon']);
    expect(c.terms).toEqual(['Khatlon', 'Khatlon Province', 'Hatlon', 'drugs']);
    expect(compileQuery('"khatlon province"', aliases).expandedWith).toEqual(['Khatlon', 'Hatlon']);
    // prefix searches and negated terms are not expanded into highlights
    expect(compileQuery('Khatl*', aliases).expandedWith).toEqual([]);
    expect(compileQuery('drugs NOT Hatlon', aliases).terms).toEqual(['drugs']);
  });

  it('folds keys the way the FTS tokenizer does', () => {
    expect(foldKey('Tajik–Afghan  Border')).toBe('tajik afghan border');
    expect(foldKey('RYTÖVUORI')).toBe('rytovuori');
  });
});

describe("the pickers' as-you-type queries", () => {
  it('gives queries the search can read, whatever is typed (but a dangling operator)', () => {
    for (const typed of ['fue', 'border fue', '"drug tra', '"drug trade"', 'collu*', '(fuel OR water)', "don't", 'x-ray', '1991'])
      expect(() => compileQuery(asYouTypeQuery(typed))).not.toThrow();
  });
});
