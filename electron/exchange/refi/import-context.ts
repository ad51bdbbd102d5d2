// State shared by the steps of one import, all inside one transaction.
import type { Project } from '../../project/project.js';
import { normalizeGuid } from './guid.js';
import { IdResolver } from './import-ids.js';
import type { ReportBuilder } from './import-report.js';
import type { QTextSource } from './qde-model.js';

export class ImportContext {
  readonly resolver: IdResolver;
  /** Imported GUID (normalised) -> our coder id / code id. */
  readonly coders = new Map<string, string>();
  readonly codes = new Map<string, string>();
  readonly notes = new Map<string, QTextSource>();
  readonly noteTexts = new Map<QTextSource, string>();
  /** Notes taken up by a code, a source or a selection: the rest become memos. */
  readonly usedNotes = new Set<string>();
  readonly now = new Date().toISOString();

  constructor(
    readonly project: Project,
    readonly stamp: () => string,
    readonly report: ReportBuilder,
    readonly sourceName: string,
  ) {
    this.resolver = new IdResolver(project.db);
  }

  get db() {
    return this.project.db;
  }

  static key(guid: string): string {
    return normalizeGuid(guid) ?? guid.trim();
  }

  coderFor(guid: string): string {
    return this.coders.get(ImportContext.key(guid)) ?? this.project.coderId;
  }

  /** The texts of the notes these refs point at; marks them used. */
  takeNotes(refs: string[]): string[] {
    const out: string[] = [];
    for (const r of refs) {
      const k = ImportContext.key(r);
      const note = this.notes.get(k);
      if (!note) continue;
      this.usedNotes.add(k);
      const t = this.noteTexts.get(note) ?? '';
      if (t.trim()) out.push(t.trim());
    }
    return out;
  }
}
