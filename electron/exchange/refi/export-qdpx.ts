// Export a project as REFI-QDA (.qdpx): project.qde plus one UTF-8 text file per source. Ids
// go out as GUIDs unchanged and zip entries carry a fixed date, so exporting an unchanged
// project twice gives the same bytes. The XML is checked against Project.xsd before anything
// is returned: an export another tool would reject is our bug, never the user's problem.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { AppError } from '../../core/errors.js';
import { codePointLength } from '../../documents/normalize.js';
import type { Project } from '../../project/project.js';
import { assessmentExport } from './export-assessments.js';
import { interviewCases } from './export-cases.js';
import { omittedCounts, readExportData, type XCoding, type XExcerpt } from './export-data.js';
import { dateTimeOrUndefined, type ExportReport, type XNote } from './export-types.js';
import { derivedUuid } from '../../core/ids.js';
import { guidFor } from './guid.js';
import { makeMasker, projectMaskTerms } from './mask-names.js';
import { schemaErrors } from './validate-xml.js';
import { refiColor, writeQde, type QdeSource } from './write-qde.js';

export type { ExportReport } from './export-types.js';

const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

export async function exportQdpx(project: Project): Promise<{ bytes: Uint8Array; report: ExportReport }> {
  const data = readExportData(project);
  const masker = makeMasker(projectMaskTerms(project));
  const mask = masker.mask;
  const coderIds = new Set(data.coders.map((c) => c.id));
  const user = (id: string | null): string | undefined => (id !== null && coderIds.has(id) ? guidFor(id) : undefined);

  const documents = data.documents.map((d) => {
    const masked = { ...d, title: mask(d.title), text: mask(d.text), notes: mask(d.notes) };
    // Selections point into the text by position: masking must never change its length.
    if (codePointLength(masked.text) !== codePointLength(d.text)) throw new AppError('internal', 'Masking names changed a text’s length.');
    return masked;
  });
  const lengths = new Map(documents.map((d) => [d.id, codePointLength(d.text)]));
  const excerpts = data.excerpts.filter((e) => e.start >= 0 && e.start < e.end && e.end <= (lengths.get(e.documentId) ?? -1));
  const exported = new Set(excerpts.map((e) => e.id));
  const codingsByExcerpt = groupBy<XCoding>(
    data.codings.filter((c) => exported.has(c.excerptId)),
    (c) => c.excerptId,
  );
  const excerptsByDocument = groupBy<XExcerpt>(excerpts, (e) => e.documentId);

  const titles = new Map(documents.map((d) => [d.id, d.title]));
  const excerptNotes: XNote[] = excerpts
    .filter((e) => e.note.trim())
    .map((e) => ({
      guid: derivedUuid('excerpt-note', e.id),
      name: `Note on ${titles.get(e.documentId)}, ${e.start}–${e.end}`,
      content: mask(e.note),
      creatingUser: user(e.coderId),
    }));
  const noteOf = new Set(excerptNotes.map((n) => n.guid));
  const memoNotes: XNote[] = data.memos.map((m) => ({
    guid: guidFor(m.id),
    name: mask(m.title),
    content: mask(m.body),
    creatingUser: user(m.coderId),
    creationDateTime: dateTimeOrUndefined(m.createdAt),
  }));
  const assessments = assessmentExport(project, mask, exported);
  const interviews = interviewCases(data.projectId, documents, mask);

  const sources: QdeSource[] = documents.map((doc) => ({
    doc,
    creatingUser: user(doc.coderId),
    creationDateTime: dateTimeOrUndefined(doc.importedAt),
    selections: (excerptsByDocument.get(doc.id) ?? []).map((excerpt) => {
      const noteGuid = derivedUuid('excerpt-note', excerpt.id);
      return {
        excerpt,
        creatingUser: user(excerpt.coderId),
        noteGuid: noteOf.has(noteGuid) ? noteGuid : undefined,
        codings: (codingsByExcerpt.get(excerpt.id) ?? []).map((coding) => ({ coding, creatingUser: user(coding.coderId) })),
      };
    }),
    values: [{ variable: interviews.kind, value: doc.kind }],
  }));

  const xml = writeQde({
    name: mask(data.name),
    origin: 'Field Coder',
    creationDateTime: dateTimeOrUndefined(data.createdAt),
    users: data.coders.map((c) => ({ guid: guidFor(c.id), name: mask(c.name) })),
    codes: data.codes.map((c) => ({ ...c, name: mask(c.name), description: mask(c.description) })),
    variables: [...interviews.variables, ...(documents.length ? [interviews.kind] : []), ...assessments.variables],
    cases: [...interviews.cases, ...assessments.cases],
    sources,
    notes: [...memoNotes, ...assessments.notes, ...excerptNotes],
    projectNotes: [...memoNotes, ...assessments.notes].map((n) => n.guid),
  });
  const errors = await schemaErrors(xml);
  if (errors.length) throw new AppError('internal', `The REFI-QDA export does not validate against Project.xsd: ${errors.join(' | ')}`);

  const files: Zippable = { 'project.qde': strToU8(xml) };
  for (const d of documents) files[`sources/${guidFor(d.id)}.txt`] = strToU8(d.text);
  const bytes = zipSync(files, { level: 6, mtime: FIXED_MTIME });

  const codings = [...codingsByExcerpt.values()].reduce((n, l) => n + l.length, 0);
  const report: ExportReport = {
    written: {
      users: data.coders.length,
      codes: data.codes.length,
      sources: documents.length,
      selections: excerpts.length,
      codings,
      memos: memoNotes.length,
      excerptNotes: excerptNotes.length,
      assessmentNotes: assessments.notes.length,
      cases: interviews.cases.length + assessments.cases.length,
    },
    approximated: approximated({
      assessments: assessments.count,
      unitCases: assessments.cases.length,
      masked: masker.count,
      memos: memoNotes.length,
      badColors: data.codes.filter((c) => c.color && !refiColor(c.color)).length,
    }),
    omitted: omitted(project, data.excerpts.length - excerpts.length),
  };
  return { bytes, report };
}

function approximated(n: { assessments: number; unitCases: number; masked: number; memos: number; badColors: number }): string[] {
  const out: string[] = [];
  if (n.assessments)
    out.push(
      `${n.assessments} framework assessments (REFI-QDA has no judgements): each written as a note “Assessment: unit × period × dimension = level” with coder, consensus, rationale and evidence, and ${n.unitCases} assessed units as cases whose variables hold the agreed level per dimension and period`,
    );
  if (n.memos) out.push(`${n.memos} memos written as plain-text notes: Markdown and citation keys stay as typed`);
  if (n.masked)
    out.push(
      `${n.masked} occurrences of interviewees’ names or contacts (identities and the redaction list) masked as █ in texts, titles and notes; texts keep their length, so positions hold`,
    );
  if (n.badColors) out.push(`${n.badColors} code colours that are not #RRGGBB left out`);
  return out;
}

function omitted(project: Project, badExcerpts: number): string[] {
  const c = omittedCounts(project);
  const out: string[] = [];
  if (c.identities) out.push(`${c.identities} identities (real names and contacts): never exported`);
  out.push(
    `the framework's structure: dimensions, levels, ${c.outcomes} outcomes and ${c.outcomeRules} outcome rules${c.unitAliases ? `, ${c.unitAliases} unit aliases` : ''} (assessments travel as notes)`,
  );
  if (c.references) out.push(`${c.references} references with their CSL data (REFI-QDA has no bibliography)`);
  if (c.memoVersions) out.push(`${c.memoVersions} saved memo versions (version history)`);
  if (c.documentMeta)
    out.push(
      `document metadata with no REFI-QDA counterpart (author, date, language, interviewer, consent, linked reference) of ${c.documentMeta} documents`,
    );
  if (c.trash) out.push(`${c.trash} items in the trash`);
  if (badExcerpts) out.push(`${badExcerpts} excerpts whose offsets lie outside their document`);
  return out;
}
