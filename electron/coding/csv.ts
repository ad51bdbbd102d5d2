// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Each row keeps its starting line
// number so errors can point at it.
import { AppError } from '../core/errors.js';

export interface CsvRow {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRow[] {
  return Array.from(csvRows(text));
}

/** The rows one at a time (blank rows skipped), so a big file is never held as rows all at once. */
export function* csvRows(text: string): Generator<CsvRow> {
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) yield { line: rowLine, fields };
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) throw new AppError('invalid', `line ${rowLine}: a quoted field is not closed.`);
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) yield { line: rowLine, fields };
}

export function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
