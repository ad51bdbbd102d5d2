// Text that reads like fieldwork prose, for the generated projects: a vocabulary of tens of
// thousands of words (the seed texts' English, the bench corpus, and made-up accented Latin and
// Cyrillic words), drawn with Zipf frequencies into sentences, paragraphs and interview turns.
// Search, FTS5 and the reader behave very differently on a handful of repeated words.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipf, type Rng } from './rng.js';

const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;

function countWords(dir: string, into: Map<string, { n: number; forms: Map<string, number> }>): void {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
    const text = readFileSync(join(dir, f), 'utf8').normalize('NFC');
    for (const m of text.matchAll(WORD)) {
      const w = m[0];
      const key = w.toLowerCase();
      const e = into.get(key) ?? { n: 0, forms: new Map() };
      e.n++;
      e.forms.set(w, (e.forms.get(w) ?? 0) + 1);
      into.set(key, e);
    }
  }
}

/** The usual spelling: "Tajikistan" stays capitalised, "The" at a sentence start does not win. */
function surface(e: { forms: Map<string, number> }, key: string): string {
  let best = key;
  let n = 0;
  for (const [form, c] of e.forms) if (c > n || (c === n && form === key)) [best, n] = [form, c];
  return best === best.toUpperCase() && best.length > 1 ? best : best[0] === best[0]!.toUpperCase() && n > 2 ? best : key;
}

const LATIN_C = 'b c d f g h j k l m n p r s t v z b d k l m n r s t ç ş ž č š ñ'.split(' ');
const LATIN_V = 'a e i o u a e i o u a e i o a e á é í ó ö ü'.split(' ');
const CYR_C = 'б в г д ж з к л м н п р с т ф х ц ч ш қ ғ ҳ ҷ'.split(' ');
const CYR_V = 'а е и о у ы э ю я ӣ ӯ ё а о и'.split(' ');

function madeUp(r: Rng, consonants: string[], vowels: string[]): string {
  let w = '';
  const syllables = r.int(2, 4);
  for (let i = 0; i < syllables; i++)
    w += (r.chance(0.85) ? r.pick(consonants) : '') + r.pick(vowels) + (r.chance(0.25) ? r.pick(consonants) : '');
  return w;
}

export interface Vocabulary {
  /** Words by rank: the most frequent first. */
  words: string[];
  draw(r: Rng): string;
}

/**
 * Ranks: the seed texts' and the corpus's most frequent words first (function words and the
 * field's vocabulary), then the rest of their words mixed with the made-up accented and
 * Cyrillic ones, which grow more likely further down: names and foreign terms are mostly rare,
 * but some are common, as in real transcripts.
 */
export function buildVocabulary(r: Rng, dirs: string[], madeUpLatin = 14_000, madeUpCyrillic = 12_000): Vocabulary {
  const counts = new Map<string, { n: number; forms: Map<string, number> }>();
  for (const d of dirs) countWords(d, counts);
  const known = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).map(([k, e]) => surface(e, k));
  const seen = new Set(known.map((w) => w.toLowerCase()));
  const made: string[] = [];
  const add = (w: string): void => {
    if (!seen.has(w)) {
      seen.add(w);
      made.push(w);
    }
  };
  for (let i = 0; i < madeUpLatin; i++) add(madeUp(r, LATIN_C, LATIN_V).normalize('NFC'));
  for (let i = 0; i < madeUpCyrillic; i++) add(madeUp(r, CYR_C, CYR_V).normalize('NFC'));
  shuffle(r, made);
  const HEAD = 400;
  const rest = known.slice(HEAD);
  shuffle(r, rest);
  const words = known.slice(0, HEAD);
  while (rest.length || made.length) {
    const pMade = Math.min(0.9, 0.05 + words.length / 15_000);
    words.push((made.length && (r.chance(pMade) || !rest.length) ? made.pop() : rest.pop())!);
  }
  // Offsets count code points and the generator counts UTF-16 units: keep to the BMP.
  const bmp = words.filter((w) => !/[\ud800-\udfff]/.test(w));
  const rank = zipf(bmp.length);
  return { words: bmp, draw: (x) => bmp[rank(x)]! };
}

function shuffle<T>(r: Rng, xs: T[]): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

const capital = (w: string): string => w[0]!.toUpperCase() + w.slice(1);

/** Sentences with their offsets, so excerpts can start and end where a coder would cut. */
export interface TextBuilder {
  parts: string[];
  length: number;
  words: number;
  sentences: number[]; // start, end, start, end, …
}

export function newText(): TextBuilder {
  return { parts: [], length: 0, words: 0, sentences: [] };
}

function push(t: TextBuilder, s: string): void {
  t.parts.push(s);
  t.length += s.length;
}

export function sentence(v: Vocabulary, r: Rng, question = false): { text: string; words: number } {
  const n = Math.max(3, Math.min(42, Math.round(15 + (r.next() + r.next() + r.next() - 1.5) * 14)));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = r.chance(0.008) ? String(r.chance(0.5) ? r.int(1990, 2024) : r.int(2, 400)) : v.draw(r);
    if (i === 0) w = capital(w);
    if (i < n - 1 && r.chance(0.06)) w += ',';
    out.push(w);
  }
  const end = question ? '?' : r.chance(0.9) ? '.' : r.pick(['!', '…', '?']);
  return { text: out.join(' ') + end, words: n };
}

/** A paragraph of `n` sentences, optionally after a speaker label ("R:"). */
export function paragraph(t: TextBuilder, v: Vocabulary, r: Rng, n: number, label = '', questions = false): void {
  if (t.length > 0) push(t, '\n\n');
  if (label) {
    push(t, `${label} `);
    t.words++;
  }
  for (let i = 0; i < n; i++) {
    if (i > 0) push(t, ' ');
    const s = sentence(v, r, questions && i === n - 1);
    t.sentences.push(t.length, t.length + s.text.length);
    push(t, s.text);
    t.words += s.words;
  }
}

/** An interview transcript of about `words` words: short questions, longer answers. */
export function interviewText(v: Vocabulary, r: Rng, words: number, heading: string): TextBuilder {
  const t = newText();
  push(t, heading);
  t.words += heading.split(/\s+/).length;
  while (t.words < words) {
    paragraph(t, v, r, r.int(1, 2), 'I:', true);
    paragraph(t, v, r, r.int(2, 8), 'R:');
  }
  return t;
}

/** A long field diary: dated entries of several paragraphs (the reader's worst case). */
export function diaryText(v: Vocabulary, r: Rng, words: number): TextBuilder {
  const t = newText();
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  let day = 0;
  while (t.words < words) {
    day++;
    const date = `${1 + (day % 28)} ${months[Math.floor(day / 28) % 12]} ${2014 + Math.floor(day / 336)}`;
    if (t.length > 0) push(t, '\n\n');
    push(t, `${date}.`);
    t.words += 3;
    for (let p = r.int(1, 4); p > 0; p--) paragraph(t, v, r, r.int(2, 9));
  }
  return t;
}

export function finish(t: TextBuilder): string {
  return t.parts.join('');
}

/** A title-cased phrase without final punctuation, for reference titles and memo headings. */
export function title(v: Vocabulary, r: Rng, min = 4, max = 11): string {
  const n = r.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = v.draw(r);
    out.push(i === 0 || w.length > 3 ? capital(w) : w);
  }
  return out.join(' ');
}

const GIVEN = [
  'Aziza',
  'Farrukh',
  'Dilnoza',
  'Rustam',
  'Malika',
  'Bakhtiyor',
  'Nigora',
  'Jamshed',
  'Zarina',
  'Sherzod',
  'Gulnora',
  'Parviz',
];
const GIVEN_CYR = ['Азиза', 'Фаррух', 'Дилноза', 'Рустам', 'Малика', 'Шерзод', 'Ҷамшед', 'Зарина', 'Гулнора', 'Парвиз'];

/** A person's name: given and family, in Latin (often accented) or Cyrillic script. */
export function personName(r: Rng): { given: string; family: string } {
  if (r.chance(0.25)) return { given: r.pick(GIVEN_CYR), family: capital(madeUp(r, CYR_C, CYR_V)) + r.pick(['ов', 'ова', 'зода', 'ев']) };
  const family = capital(madeUp(r, LATIN_C, LATIN_V).normalize('NFC'));
  return { given: r.chance(0.6) ? r.pick(GIVEN) : capital(madeUp(r, LATIN_C, LATIN_V).normalize('NFC')), family };
}

export function placeName(r: Rng): { name: string; alias: string | null } {
  const base = capital(madeUp(r, LATIN_C, LATIN_V).normalize('NFC'));
  const kind = r.pick(['District', 'Valley', 'Province', 'City', 'Border crossing', 'Jamoat']);
  return { name: `${base} ${kind}`, alias: r.chance(0.4) ? capital(madeUp(r, CYR_C, CYR_V)) : null };
}
