// The project.qde document, element by element in the order Project.xsd requires. Pure: it
// only turns an already-masked model into XML.
import type { XCode, XCoding, XDocument, XExcerpt } from './export-data.js';
import type { XCase, XNote, XValue, XVariable } from './export-types.js';
import { guidFor } from './guid.js';
import { leaf, open, type Attrs } from './xml-out.js';

export const QDA_NS = 'urn:QDA-XML:project:1.0';

export interface QdeModel {
  name: string;
  origin: string;
  creationDateTime: string | undefined;
  users: { guid: string; name: string }[];
  codes: XCode[];
  variables: XVariable[];
  cases: XCase[];
  sources: QdeSource[];
  notes: XNote[];
  /** Notes that belong to the project as a whole (memos, assessments). */
  projectNotes: string[];
}

export interface QdeSource {
  doc: XDocument;
  creatingUser: string | undefined;
  creationDateTime: string | undefined;
  selections: { excerpt: XExcerpt; creatingUser: string | undefined; noteGuid: string | undefined; codings: QdeCoding[] }[];
  values: XValue[];
}

export interface QdeCoding {
  coding: XCoding;
  creatingUser: string | undefined;
}

const HEX6 = /^#[0-9a-fA-F]{6}$/;
const HEX3 = /^#[0-9a-fA-F]{3}$/;

/** A colour REFI-QDA accepts (#RRGGBB, as stored), or undefined for anything else. */
export function refiColor(color: string): string | undefined {
  const c = color.trim();
  if (HEX6.test(c)) return c;
  if (HEX3.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`;
  return undefined;
}

function codeTree(codes: XCode[]): string {
  const live = new Set(codes.map((c) => c.id));
  const children = new Map<string | null, XCode[]>();
  for (const c of codes) {
    // A code whose parent is gone (in the trash) moves to the top rather than vanishing.
    const parent = c.parentId !== null && live.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  // Iterative, so a deep hierarchy cannot overflow the stack.
  const stack: (XCode | string)[] = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const kids = children.get(item.id) ?? [];
    const attrs: Attrs = [
      ['guid', guidFor(item.id)],
      ['name', item.name],
      ['isCodable', 'true'],
      ['color', refiColor(item.color)],
    ];
    if (!item.description && kids.length === 0) {
      out.push(open('Code', attrs, true));
      continue;
    }
    out.push(open('Code', attrs));
    if (item.description) out.push(leaf('Description', item.description));
    stack.push('</Code>', ...[...kids].reverse());
  }
  return out.join('');
}

function variableValue(v: XValue): string {
  const kind = v.variable.type === 'Date' ? 'DateValue' : 'TextValue';
  return `<VariableValue>${open('VariableRef', [['targetGUID', v.variable.guid]], true)}${leaf(kind, v.value)}</VariableValue>`;
}

function caseXml(c: XCase): string {
  return [
    open('Case', [
      ['guid', c.guid],
      ['name', c.name],
    ]),
    c.description ? leaf('Description', c.description) : '',
    ...c.values.map(variableValue),
    ...c.sourceRefs.map((g) => open('SourceRef', [['targetGUID', g]], true)),
    ...c.selectionRefs.map((g) => open('SelectionRef', [['targetGUID', g]], true)),
    '</Case>',
  ].join('');
}

function sourceXml(s: QdeSource): string {
  const guid = guidFor(s.doc.id);
  const parts = [
    open('TextSource', [
      ['guid', guid],
      ['name', s.doc.title],
      ['plainTextPath', `internal://${guid}.txt`],
      ['creatingUser', s.creatingUser],
      ['creationDateTime', s.creationDateTime],
    ]),
  ];
  if (s.doc.notes) parts.push(leaf('Description', s.doc.notes));
  for (const sel of s.selections) {
    parts.push(
      open('PlainTextSelection', [
        ['guid', guidFor(sel.excerpt.id)],
        ['startPosition', sel.excerpt.start],
        ['endPosition', sel.excerpt.end],
        ['creatingUser', sel.creatingUser],
      ]),
    );
    for (const c of sel.codings) {
      parts.push(
        open('Coding', [
          ['guid', guidFor(c.coding.id)],
          ['creatingUser', c.creatingUser],
        ]),
        open('CodeRef', [['targetGUID', guidFor(c.coding.codeId)]], true),
        '</Coding>',
      );
    }
    if (sel.noteGuid) parts.push(open('NoteRef', [['targetGUID', sel.noteGuid]], true));
    parts.push('</PlainTextSelection>');
  }
  parts.push(...s.values.map(variableValue), '</TextSource>');
  return parts.join('');
}

function noteXml(n: XNote): string {
  return [
    open('Note', [
      ['guid', n.guid],
      ['name', n.name],
      ['creatingUser', n.creatingUser],
      ['creationDateTime', n.creationDateTime],
    ]),
    leaf('PlainTextContent', n.content),
    '</Note>',
  ].join('');
}

function section(name: string, items: string[]): string {
  return items.length ? `<${name}>${items.join('')}</${name}>` : '';
}

export function writeQde(m: QdeModel): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    open('Project', [
      ['xmlns', QDA_NS],
      ['name', m.name],
      ['origin', m.origin],
      ['creationDateTime', m.creationDateTime],
    ]),
    section(
      'Users',
      m.users.map((u) =>
        open(
          'User',
          [
            ['guid', u.guid],
            ['name', u.name],
          ],
          true,
        ),
      ),
    ),
    m.codes.length ? `<CodeBook><Codes>${codeTree(m.codes)}</Codes></CodeBook>` : '',
    section(
      'Variables',
      m.variables.map(
        (v) =>
          `${open('Variable', [
            ['guid', v.guid],
            ['name', v.name],
            ['typeOfVariable', v.type],
          ])}${v.description ? leaf('Description', v.description) : ''}</Variable>`,
      ),
    ),
    section('Cases', m.cases.map(caseXml)),
    section('Sources', m.sources.map(sourceXml)),
    section('Notes', m.notes.map(noteXml)),
    ...m.projectNotes.map((g) => open('NoteRef', [['targetGUID', g]], true)),
    '</Project>\n',
  ].join('');
}
