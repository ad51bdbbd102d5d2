import { describe, expect, it } from 'vitest';
import { parseCitations, parseCluster, unresolvedKeys } from './citations.js';

describe('Pandoc citation syntax', () => {
  it('reads keys, locators, prefixes, suffixes and suppressed authors', () => {
    const body =
      'Capacity eroded [@markowitz2013, p. 24]. See also [see @dedanieli2014, pp. 1235-1240; @watts2015]. As Markowitz argues [-@markowitz2013, ch. 2, emphasis added].';
    const clusters = parseCitations(body);
    expect(clusters.map((c) => c.cites)).toEqual([
      [{ id: 'markowitz2013', locator: '24', label: 'page' }],
      [{ id: 'dedanieli2014', prefix: 'see', locator: '1235-1240', label: 'page' }, { id: 'watts2015' }],
      [{ id: 'markowitz2013', suppressAuthor: true, locator: '2', label: 'chapter', suffix: 'emphasis added' }],
    ]);
    expect(body.slice(clusters[0]!.start, clusters[0]!.end)).toBe('[@markowitz2013, p. 24]');
  });

  it('leaves links, e-mail addresses and plain brackets alone', () => {
    expect(parseCitations('[a link](https://x.org/@user) and [write to me@example.org] and [1]')).toEqual([]);
  });

  it('keys end before trailing punctuation and may hold colons', () => {
    expect(parseCitations('[@interview:ngo-leader-2016.]')[0]!.cites[0]!.id).toBe('interview:ngo-leader-2016');
  });

  it('lists unresolved keys once, in order', () => {
    const clusters = parseCitations('[@a] [@b; @a] [@c]');
    expect(unresolvedKeys(clusters, new Set(['a']))).toEqual(['b', 'c']);
  });

  it('reads one cluster from its bracket text, or null when a part is no citation', () => {
    expect(parseCluster('see @a, p. 3; @b')).toEqual([{ id: 'a', prefix: 'see', locator: '3', label: 'page' }, { id: 'b' }]);
    expect(parseCluster('@a; write to me@example.org')).toBeNull();
  });

  it('stays linear on an unclosed run of citation-like text', () => {
    const t = performance.now();
    expect(parseCitations('[' + '@'.repeat(50_000))).toEqual([]);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
