// The search mix, taken from the project's own texts so every query means something there:
// common and rare words, phrases that occur, prefixes, accented or Cyrillic words, and
// operators. The same seed and texts give the same queries.
import type { Rng } from './rng.js';

const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;

export function searchQueries(texts: string[], r: Rng): string[] {
  // A sample is enough to tell common from rare, and keeps this fast on L.
  const sample = texts.slice(0, 40);
  const counts = new Map<string, number>();
  const tokens: string[][] = [];
  for (const t of sample) {
    const words = (t.match(WORD) ?? []).map((w) => w.toLowerCase());
    tokens.push(words);
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const pickFrom = (xs: string[], n: number): string[] => {
    const out = new Set<string>();
    for (let tries = 0; out.size < Math.min(n, xs.length) && tries < n * 50; tries++) out.add(r.pick(xs));
    return [...out];
  };
  const long = (w: string): boolean => w.length >= 5;
  const common = pickFrom(ranked.slice(30, 300).filter(long), 8);
  const rare = pickFrom(
    ranked.filter((w) => counts.get(w)! <= 2 && long(w)),
    8,
  );
  const foreign = pickFrom(
    ranked.slice(0, 5000).filter((w) => /[^\p{ASCII}]/u.test(w) && long(w)),
    4,
  );
  const prefixes = pickFrom(
    ranked.slice(300, 3000).filter((w) => w.length >= 6),
    8,
  ).map((w) => `${[...w].slice(0, r.int(3, 4)).join('')}*`);
  const phrases: string[] = [];
  while (phrases.length < 8) {
    const words = r.pick(tokens);
    if (words.length < 10) continue;
    const at = r.int(0, words.length - 4);
    phrases.push(`"${words.slice(at, at + r.int(2, 3)).join(' ')}"`);
  }
  const ops = [
    `${common[0]} AND ${rare[0]}`,
    `${common[1]} NOT ${common[2]}`,
    `${common[3]} OR ${rare[1]}`,
    `(${common[4]} OR ${common[5]}) AND ${prefixes[0]}`,
  ];
  return [...common, ...rare, ...foreign, ...prefixes, ...phrases, ...ops];
}
