// Dates in the shapes bibliography files use -> CSL date objects.

export type CslDate = { 'date-parts'?: (number | string)[][]; literal?: string };

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "6", "jun", "June" -> 6. */
export function monthNumber(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (/^\d{1,2}$/.test(t)) {
    const m = Number(t);
    return m >= 1 && m <= 12 ? m : undefined;
  }
  const i = MONTH_NAMES.indexOf(t.slice(0, 3));
  return i >= 0 ? i + 1 : undefined;
}

function parts(s: string): (number | string)[] | undefined {
  // 2014, 2014-06, 2014-06-12, 2014/06/12, 2014/06//, 2014-06-12T10:11:12Z
  const m = /^(-?\d{1,4})(?:[-/](\d{1,2})?(?:[-/](\d{1,2})?)?)?/.exec(s.trim());
  if (!m) return undefined;
  const out: number[] = [Number(m[1])];
  if (m[2]) out.push(Number(m[2]));
  if (m[2] && m[3]) out.push(Number(m[3]));
  if (out[1] !== undefined && (out[1] < 1 || out[1] > 12)) return out.slice(0, 1);
  return out;
}

/** ISO-ish dates and BibLaTeX ranges ("2014/2015", "2014-06/2014-07") -> date-parts; anything else -> literal. */
export function parseDate(s: string): CslDate | undefined {
  const t = s.trim();
  if (!t) return undefined;
  const range = /^(\d{4}(?:-\d{1,2}){0,2})\/(\d{4}(?:-\d{1,2}){0,2})$/.exec(t);
  if (range) return { 'date-parts': [parts(range[1] as string) ?? [], parts(range[2] as string) ?? []] };
  // RIS "2014///" and ISO forms; a trailing time is ignored.
  if (/^\d{4}([-/]\d{0,2}){0,2}\/?([ T].*)?$/.test(t)) {
    const p = parts(t);
    if (p) return { 'date-parts': [p] };
  }
  return { literal: t };
}

/** year + month (+ day) fields, as in BibTeX. */
export function dateFromParts(year: string | undefined, month?: string, day?: string): CslDate | undefined {
  const y = year?.trim();
  if (!y) return undefined;
  if (!/^\d{1,4}$/.test(y)) return parseDate(y);
  const p: number[] = [Number(y)];
  const m = month ? monthNumber(month) : undefined;
  if (m) {
    p.push(m);
    const d = day && /^\d{1,2}$/.test(day.trim()) ? Number(day) : undefined;
    if (d && d <= 31) p.push(d);
  }
  return { 'date-parts': [p] };
}

/** A CSL date -> "2014-06-12" (or its literal). */
export function formatDate(d: unknown, sep = '-'): string {
  if (!d || typeof d !== 'object') return '';
  const o = d as CslDate;
  const p = o['date-parts']?.[0];
  if (p && p.length) {
    return p
      .slice(0, 3)
      .map((x, i) => (i === 0 ? String(x) : String(x).padStart(2, '0')))
      .join(sep);
  }
  return typeof o.literal === 'string' ? o.literal : '';
}
