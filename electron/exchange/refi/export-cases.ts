// Interviews as REFI-QDA cases: each interview is a case with its metadata as variables, linked
// to its source. Only the fields that describe without identifying go out (pseudonym, role,
// organisation type, place, date); real names live in `identities` and are never read here.
import type { XDocument } from './export-data.js';
import type { XCase, XValue, XVariable } from './export-types.js';
import { derivedUuid } from '../../core/ids.js';
import { guidFor } from './guid.js';

/** The interview fields that travel, by the variable name other tools see. */
export const CASE_FIELDS = [
  ['Pseudonym', 'pseudonym'],
  ['Role', 'role'],
  ['Organisation type', 'orgType'],
  ['Place', 'place'],
  ['Interview date', 'interviewDate'],
] as const satisfies readonly (readonly [string, keyof XDocument])[];

export const KIND_VARIABLE = 'Document kind';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function variable(projectId: string, name: string, type: XVariable['type'], description = ''): XVariable {
  return { guid: derivedUuid('variable', `${projectId}\u0000${name}`), name, type, description };
}

export interface InterviewCases {
  cases: XCase[];
  variables: XVariable[];
  /** The source-level variable that keeps a document's kind (interview, field note, document). */
  kind: XVariable;
}

export function interviewCases(projectId: string, documents: XDocument[], mask: (s: string) => string): InterviewCases {
  const interviews = documents.filter((d) => d.kind === 'interview');
  const variables = CASE_FIELDS.map(([name, field]) => {
    const values = interviews.map((d) => d[field] as string).filter(Boolean);
    // A Date variable lets other tools sort and filter; one free-text date makes the column text.
    const type = field === 'interviewDate' && values.length > 0 && values.every(isIsoDate) ? 'Date' : 'Text';
    return { field, variable: variable(projectId, name, type) };
  });
  const cases = interviews.map((d): XCase => {
    const values: XValue[] = variables
      .filter(({ field }) => (d[field] as string) !== '')
      .map(({ field, variable }) => ({ variable, value: mask(d[field] as string) }));
    return {
      guid: derivedUuid('case', d.id),
      name: mask(d.pseudonym || d.title),
      description: '',
      values,
      sourceRefs: [guidFor(d.id)],
      selectionRefs: [],
    };
  });
  const used = variables.map((v) => v.variable).filter((v) => cases.some((c) => c.values.some((x) => x.variable === v)));
  return {
    cases,
    variables: used,
    kind: variable(projectId, KIND_VARIABLE, 'Text', 'Field Coder document kind: interview, fieldnote or document'),
  };
}
