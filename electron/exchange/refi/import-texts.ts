// Text sources -> documents, their selections -> excerpts, codings -> excerpt codes. Positions
// in REFI-QDA count code points, as ours do; they are checked against the text and moved through
// the import normalisation, never trusted.
import { codePointLength, countWords } from '../../documents/normalize.js';
import { derivedUuid } from '../../core/ids.js';
import { ImportContext } from './import-context.js';
import { documentMeta } from './import-meta.js';
import { normalizeWithMap, type NormalizedText } from './normalize-map.js';
import type { QCase, QCoding, QTextSource, QValue } from './qde-model.js';

export interface PreparedSource {
  source: QTextSource;
  raw: string;
  /** Variable values from the source itself and from the cases that refer to it. */
  values: { name: string; value: string }[];
}

/** Values of each source's cases, by the source's GUID; cases that cannot be placed are reported. */
export function caseValues(
  ctx: ImportContext,
  cases: QCase[],
  variableNames: Map<string, string>,
): Map<string, { name: string; value: string }[]> {
  const out = new Map<string, { name: string; value: string }[]>();
  for (const c of cases) {
    if (c.sourceRefs.length === 0) ctx.report.skip('cases not linked to a text source (with their variables)');
    ctx.report.skip('links from cases to codes', c.codeRefs);
    ctx.report.skip('links from cases to selections', c.selectionRefs);
    const vals = named(c.values, variableNames);
    if (c.description.trim()) vals.unshift({ name: 'Case description', value: c.description.trim() });
    // A case named after its pseudonym (as our exports name them) says nothing new.
    const name = c.name.trim();
    if (name && !vals.some((v) => v.value === name)) vals.unshift({ name: 'Case', value: name });
    for (const ref of c.sourceRefs) {
      const k = ImportContext.key(ref);
      out.set(k, [...(out.get(k) ?? []), ...vals]);
    }
  }
  return out;
}

export function named(values: QValue[], variableNames: Map<string, string>): { name: string; value: string }[] {
  return values.map((v) => ({ name: variableNames.get(ImportContext.key(v.variableRef)) ?? 'Variable', value: v.value }));
}

function insertDocument(ctx: ImportContext, id: string, p: PreparedSource, text: string, notes: string[]): void {
  const s = p.source;
  const meta = documentMeta(p.values, [s.description, ...notes]);
  const fallback = s.plainTextPath.replace(/^.*[/:]/, '').replace(/\.[^.]*$/, '');
  ctx.db
    .prepare(
      `INSERT INTO documents(id, kind, title, text, char_count, word_count, source_name, source_format, imported_at, author, doc_date,
         language, pseudonym, role, org_type, interview_date, place, interviewer, consent, notes, stamp, coder_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'refi-qda', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      meta.kind,
      s.name.trim() || fallback || 'Imported source',
      text,
      codePointLength(text),
      countWords(text),
      ctx.sourceName,
      ctx.now,
      meta.author,
      meta.doc_date,
      meta.language,
      meta.pseudonym,
      meta.role,
      meta.org_type,
      meta.interview_date,
      meta.place,
      meta.interviewer,
      meta.consent,
      meta.notes,
      ctx.stamp(),
      ctx.coderFor(s.creatingUser),
    );
}

class ExcerptWriter {
  private readonly cps: string[];
  private readonly insertExcerpt;
  private readonly insertCoding;
  private readonly pairExists;

  constructor(
    private readonly ctx: ImportContext,
    private readonly documentId: string,
    text: string,
  ) {
    this.cps = Array.from(text);
    this.insertExcerpt = ctx.db.prepare(
      'INSERT INTO excerpts(id, document_id, start_offset, end_offset, text, note, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertCoding = ctx.db.prepare('INSERT INTO excerpt_codes(id, excerpt_id, code_id, stamp, coder_id) VALUES (?, ?, ?, ?, ?)');
    this.pairExists = ctx.db.prepare('SELECT 1 FROM excerpt_codes WHERE excerpt_id = ? AND code_id = ?');
  }

  excerpt(guid: string, start: number, end: number, note: string, coder: string): { id: string; isNew: boolean } {
    const r = this.ctx.resolver.resolve('excerpts', guid);
    if (r.exists) {
      this.ctx.report.existing.excerpts++;
      return { id: r.id, isNew: false };
    }
    const text = this.cps.slice(start, end).join('');
    this.insertExcerpt.run(r.id, this.documentId, start, end, text, note, this.ctx.stamp(), coder);
    this.ctx.report.imported.excerpts++;
    return { id: r.id, isNew: true };
  }

  codings(excerptId: string, codings: QCoding[], fallbackKey: string): void {
    codings.forEach((c, i) => {
      const codeId = this.ctx.codes.get(ImportContext.key(c.codeRef));
      if (!codeId) {
        this.ctx.report.skip('codings whose code is not in the codebook');
        return;
      }
      const r = this.ctx.resolver.resolve('excerpt_codes', c.guid || `${fallbackKey}#coding${i}`);
      if (r.exists || this.pairExists.get(excerptId, codeId)) {
        this.ctx.report.existing.codings++;
        return;
      }
      this.insertCoding.run(r.id, excerptId, codeId, this.ctx.stamp(), this.ctx.coderFor(c.creatingUser));
      this.ctx.report.imported.codings++;
    });
  }
}

function mapSelection(n: NormalizedText, start: number, end: number): [number, number] | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > n.originalLength) return null;
  const s = n.start(start);
  const e = n.end(end);
  return e > s ? [s, e] : null;
}

export function importSource(ctx: ImportContext, p: PreparedSource): void {
  const s = p.source;
  const n = normalizeWithMap(p.raw);
  if (!n.text.trim()) {
    ctx.report.skip('text sources with no text');
    return;
  }
  // Notes attached here are the document's, even when it is already in the project: never memos.
  const docNotes = ctx.takeNotes(s.noteRefs);
  const r = ctx.resolver.resolve('documents', s.guid || `source:${s.name}:${s.plainTextPath}`);
  if (r.exists) {
    ctx.report.existing.documents++;
    const { text } = ctx.db.prepare('SELECT text FROM documents WHERE id = ?').get(r.id) as { text: string };
    if (text !== n.text) {
      ctx.report.skip('selections of sources already in the project with a different text', s.selections.length);
      for (const sel of s.selections) ctx.takeNotes([...sel.noteRefs, ...sel.codings.flatMap((c) => c.noteRefs)]);
      return;
    }
  } else {
    insertDocument(ctx, r.id, p, n.text, docNotes);
    ctx.report.imported.documents++;
  }
  if (n.changed)
    ctx.report.note('{n} sources were normalised (line ends, control characters, Unicode NFC); their selections were moved to match');
  if (!n.exact) ctx.report.note('{n} sources had text that normalises across characters; some selection edges may be off by a character');

  const w = new ExcerptWriter(ctx, r.id, n.text);
  s.selections.forEach((sel, i) => {
    const range = mapSelection(n, sel.start, sel.end);
    if (!range) {
      ctx.report.skip('selections with positions outside their source, or empty');
      return;
    }
    if (sel.name.trim()) ctx.report.skip('selection names (excerpts have none; the text is kept)');
    const notes = [sel.description.trim(), ...ctx.takeNotes(sel.noteRefs), ...sel.codings.flatMap((c) => ctx.takeNotes(c.noteRefs))];
    const key = sel.guid || `${s.guid}#${i}`;
    const ex = w.excerpt(key, range[0], range[1], notes.filter(Boolean).join('\n\n'), ctx.coderFor(sel.creatingUser));
    w.codings(ex.id, sel.codings, key);
  });
  if (s.codings.length) {
    // REFI-QDA can code a whole source; the nearest thing here is one excerpt spanning it.
    const ex = w.excerpt(
      derivedUuid('whole-source', r.id),
      0,
      codePointLength(n.text),
      ctx.takeNotes(s.codings.flatMap((c) => c.noteRefs)).join('\n\n'),
      ctx.project.coderId,
    );
    w.codings(ex.id, s.codings, `${r.id}#whole`);
    if (ex.isNew) ctx.report.note('{n} sources were coded as a whole: each became one excerpt spanning the source');
  }
}
