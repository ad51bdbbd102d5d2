// What an import tells the user: what arrived, what was already there (so nothing was
// duplicated), and what was left behind and why. REFI-QDA asks importers to say this in detail.

export const IMPORTED_KINDS = ['coders', 'codes', 'documents', 'excerpts', 'codings', 'memos'] as const;
export type ImportedKind = (typeof IMPORTED_KINDS)[number];

export interface ImportReport {
  fileName: string;
  format: 'qdpx' | 'qdc';
  imported: Record<ImportedKind, number>;
  /** Already in the project (same GUID; coders and codes also by name): not added again. */
  existing: Record<ImportedKind, number>;
  skipped: { what: string; count: number }[];
  notes: string[];
}

const zeros = (): Record<ImportedKind, number> => ({ coders: 0, codes: 0, documents: 0, excerpts: 0, codings: 0, memos: 0 });

export class ReportBuilder {
  readonly imported = zeros();
  readonly existing = zeros();
  private readonly skipped = new Map<string, number>();
  private readonly noteCounts = new Map<string, number>();

  skip(what: string, n = 1): void {
    if (n > 0) this.skipped.set(what, (this.skipped.get(what) ?? 0) + n);
  }

  /** A remark counted by occurrence; `{n}` in the text becomes the count. */
  note(text: string, n = 1): void {
    if (n > 0) this.noteCounts.set(text, (this.noteCounts.get(text) ?? 0) + n);
  }

  build(fileName: string, format: ImportReport['format']): ImportReport {
    return {
      fileName,
      format,
      imported: { ...this.imported },
      existing: { ...this.existing },
      skipped: [...this.skipped].map(([what, count]) => ({ what, count })),
      notes: [...this.noteCounts].map(([text, n]) => text.replace('{n}', String(n))),
    };
  }
}
