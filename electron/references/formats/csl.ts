// The CSL-JSON item model every format converts to and from, and the one place where text from
// outside is made safe: control characters removed, whitespace trimmed, long fields truncated.
import { AppError } from '../../core/errors.js';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  /** "Jr", "III": kept apart so the family name sorts and matches without it. */
  suffix?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: { 'date-parts'?: (number | string)[][]; literal?: string };
  [field: string]: unknown;
}

/** Longest text kept in one field; a 1 MB "title" is an attack or an accident, never a title. */
export const MAX_FIELD_CHARS = 100_000;

// C0 controls except tab and newline, DEL, and C1 controls: never meaningful in a reference, and
// some (NUL, ESC) break terminals, SQLite tooling or exports downstream.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Removes control characters, normalises line ends and trims. HTML is left as inert text: it is never rendered as markup. */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** More warnings than this help nobody (a garbage file gives one per line): the rest are counted. */
export const MAX_WARNINGS = 100;

export function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  return [...warnings.slice(0, MAX_WARNINGS), `…and ${(warnings.length - MAX_WARNINGS).toLocaleString('en')} more warnings.`];
}

/** Cleans and truncates one string, reporting truncation through `warn`. */
export function cleanField(s: string, where: string, warn: (msg: string) => void): string {
  const t = cleanText(s);
  if (t.length <= MAX_FIELD_CHARS) return t;
  warn(`${where}: truncated to ${MAX_FIELD_CHARS.toLocaleString('en')} characters (was ${t.length.toLocaleString('en')}).`);
  return t.slice(0, MAX_FIELD_CHARS);
}

const NAME_KEYS = [
  'author',
  'editor',
  'translator',
  'container-author',
  'collection-editor',
  'composer',
  'director',
  'interviewer',
  'recipient',
  'reviewed-author',
];
const DATE_KEYS = ['issued', 'accessed', 'event-date', 'original-date', 'submitted'];
/** Unknown fields may nest; deeper than this is not CSL and is dropped rather than walked (stack safety). */
const MAX_DEPTH = 8;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cleanAny(v: unknown, where: string, warn: (m: string) => void, depth: number): unknown {
  if (typeof v === 'string') return cleanField(v, where, warn);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean' || v === null) return v;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(v)) return v.map((x) => cleanAny(x, where, warn, depth + 1)).filter((x) => x !== undefined);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '__proto__') continue;
      const c = cleanAny(x, where, warn, depth + 1);
      if (c !== undefined && c !== '') out[cleanText(k)] = c;
    }
    return out;
  }
  return undefined;
}

function fail(index: number, msg: string): never {
  throw new AppError('invalid', `CSL-JSON item ${index + 1}: ${msg}`);
}

/** Checks and cleans CSL-JSON items, returning warnings (truncations) as well. */
export function validateCslItemsWithWarnings(data: unknown): { items: CslItem[]; warnings: string[] } {
  const list = Array.isArray(data) ? data : [data];
  const warnings: string[] = [];
  const items = list.map((raw, i): CslItem => {
    if (!isObject(raw)) fail(i, 'is not an object.');
    const where = (f: string) => `Item ${i + 1} ${f}`;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k === '__proto__' || k === 'id' || k === 'type') continue;
      if (NAME_KEYS.includes(k)) {
        if (!Array.isArray(v)) fail(i, `"${k}" must be a list of names.`);
        out[k] = v.map((n, j) => {
          if (!isObject(n)) fail(i, `"${k}" name ${j + 1} is not an object.`);
          // Every part of a name is text: the duplicate check and citation keys fold it as such.
          for (const part of ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle'])
            if (n[part] !== undefined && typeof n[part] !== 'string') fail(i, `"${k}" name ${j + 1} has a "${part}" that is not text.`);
          return cleanAny(n, where(k), (m) => warnings.push(m), 1);
        });
      } else if (DATE_KEYS.includes(k)) {
        if (!isObject(v)) fail(i, `"${k}" must be a date object.`);
        const dp = v['date-parts'];
        if (
          dp !== undefined &&
          !(Array.isArray(dp) && dp.every((p) => Array.isArray(p) && p.every((x) => typeof x === 'number' || typeof x === 'string')))
        )
          fail(i, `"${k}" has malformed date-parts.`);
        out[k] = cleanAny(v, where(k), (m) => warnings.push(m), 1);
      } else {
        const c = cleanAny(v, where(k), (m) => warnings.push(m), 1);
        if (c !== undefined && c !== '') out[cleanText(k)] = c;
      }
    }
    const id = raw.id;
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') fail(i, '"id" must be a string or number.');
    const type = raw.type;
    if (typeof type !== 'string' || !cleanText(type)) fail(i, 'missing "type".');
    return { ...out, id: id === undefined ? '' : cleanText(String(id)), type: cleanText(type) };
  });
  return { items, warnings: capWarnings(warnings) };
}

/** CSL-JSON array (or a single object) -> items; AppError('invalid') naming the item on structural problems. */
export function validateCslItems(data: unknown): CslItem[] {
  return validateCslItemsWithWarnings(data).items;
}

/** First year of an item's issued date, or undefined. */
export function issuedYear(item: CslItem): number | undefined {
  const y = item.issued?.['date-parts']?.[0]?.[0];
  const n = typeof y === 'number' ? y : typeof y === 'string' ? parseInt(y, 10) : NaN;
  if (Number.isFinite(n)) return n;
  const m = /\b(\d{4})\b/.exec(item.issued?.literal ?? '');
  return m ? Number(m[1]) : undefined;
}
