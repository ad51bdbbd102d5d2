// Finding the text of each imported source (and note): inline PlainTextContent, or a file in
// the archive named by plainTextPath ("internal://x.txt" as the standard says, or a bare name as
// some tools write it), looked up case-insensitively under sources/. Nothing is ever read from
// disk: external paths (relative://, absolute://) are reported, not followed.
import type { ReportBuilder } from './import-report.js';
import type { QTextSource } from './qde-model.js';

/** Bytes of an archive entry by its name in plainTextPath, or undefined. */
export type FileLookup = (name: string) => Uint8Array | undefined;

export const noFiles: FileLookup = () => undefined;

export type SourceText = { raw: string } | { skip: string };

const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, report: ReportBuilder): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    report.note('{n} source files were not valid UTF-8; the bad bytes became �');
    return utf8.decode(bytes);
  }
}

export function sourceText(s: QTextSource, files: FileLookup, report: ReportBuilder, what = 'text sources'): SourceText {
  const path = s.plainTextPath.trim();
  if (!path) {
    if (s.content !== null) return { raw: s.content };
    return { skip: `${what} with no plain text (rich text only)` };
  }
  if (/^(relative|absolute|file):/i.test(path)) {
    if (s.content !== null) return { raw: s.content };
    return { skip: `${what} stored outside the archive (external paths are never followed)` };
  }
  const name = path.replace(/^internal:\/\//i, '');
  const bytes = files(name);
  if (bytes) return { raw: decode(bytes, report) };
  if (s.content !== null) return { raw: s.content };
  return { skip: `${what} whose file is missing from the archive` };
}
