// What an imported project.qde or .qdc says, read from the element tree into plain records.
// Lenient where other tools differ (missing names, GUIDs in braces, relative source paths);
// what Field Coder cannot hold is counted, so the import report can say what was left behind.
import { AppError } from '../../core/errors.js';
import { child, childrenNamed, type XmlElement } from './xml-tree.js';

export interface QUser {
  guid: string;
  name: string;
}
export interface QCode {
  guid: string;
  name: string;
  color: string;
  description: string;
  codable: boolean;
  noteRefs: string[];
  children: QCode[];
}
export interface QCoding {
  guid: string;
  codeRef: string;
  creatingUser: string;
  noteRefs: string[];
}
export interface QSelection {
  guid: string;
  name: string;
  start: number;
  end: number;
  creatingUser: string;
  description: string;
  codings: QCoding[];
  noteRefs: string[];
}
export interface QValue {
  variableRef: string;
  value: string;
}
export interface QTextSource {
  guid: string;
  name: string;
  plainTextPath: string;
  content: string | null;
  description: string;
  creatingUser: string;
  selections: QSelection[];
  codings: QCoding[];
  noteRefs: string[];
  values: QValue[];
}
export interface QCase {
  guid: string;
  name: string;
  description: string;
  values: QValue[];
  sourceRefs: string[];
  codeRefs: number;
  selectionRefs: number;
}
export interface QVariable {
  guid: string;
  name: string;
}

export interface QdeProject {
  kind: 'project' | 'codebook';
  name: string;
  users: QUser[];
  codes: QCode[];
  variables: QVariable[];
  cases: QCase[];
  sources: QTextSource[];
  notes: QTextSource[];
  projectNoteRefs: string[];
  /** Things present that Field Coder does not import, by what they are. */
  unsupported: Map<string, number>;
}

const attr = (el: XmlElement, name: string): string => el.attrs.get(name) ?? '';
const refs = (el: XmlElement, name: string): string[] => childrenNamed(el, name).map((r) => attr(r, 'targetGUID'));
const textOf = (el: XmlElement, name: string): string => child(el, name)?.text ?? '';

function codes(parent: XmlElement): QCode[] {
  // Iterative: the hierarchy depth is bounded by the tree reader, but recursion need not be trusted.
  const top: QCode[] = [];
  const work: [XmlElement, QCode[]][] = [[parent, top]];
  while (work.length) {
    const [el, into] = work.pop()!;
    for (const c of childrenNamed(el, 'Code')) {
      const code: QCode = {
        guid: attr(c, 'guid'),
        name: attr(c, 'name'),
        color: attr(c, 'color'),
        description: textOf(c, 'Description'),
        codable: attr(c, 'isCodable') !== 'false' && attr(c, 'isCodable') !== '0',
        noteRefs: refs(c, 'NoteRef'),
        children: [],
      };
      into.push(code);
      work.push([c, code.children]);
    }
  }
  return top;
}

function coding(el: XmlElement): QCoding {
  return {
    guid: attr(el, 'guid'),
    codeRef: attr(child(el, 'CodeRef') ?? el, 'targetGUID'),
    creatingUser: attr(el, 'creatingUser'),
    noteRefs: refs(el, 'NoteRef'),
  };
}

function values(el: XmlElement): QValue[] {
  return childrenNamed(el, 'VariableValue').map((v) => {
    const value = v.children.find((c) => c.name.endsWith('Value'));
    return { variableRef: attr(child(v, 'VariableRef') ?? v, 'targetGUID'), value: value?.text.trim() ?? '' };
  });
}

const position = (s: string): number => (/^\s*[+-]?\d+\s*$/.test(s) ? Number(s) : NaN);

export function textSource(el: XmlElement): QTextSource {
  const content = child(el, 'PlainTextContent');
  return {
    guid: attr(el, 'guid'),
    name: attr(el, 'name'),
    plainTextPath: attr(el, 'plainTextPath'),
    content: content ? content.text : null,
    description: textOf(el, 'Description'),
    creatingUser: attr(el, 'creatingUser'),
    selections: childrenNamed(el, 'PlainTextSelection').map((s) => ({
      guid: attr(s, 'guid'),
      name: attr(s, 'name'),
      start: position(attr(s, 'startPosition')),
      end: position(attr(s, 'endPosition')),
      creatingUser: attr(s, 'creatingUser'),
      description: textOf(s, 'Description'),
      codings: childrenNamed(s, 'Coding').map(coding),
      noteRefs: refs(s, 'NoteRef'),
    })),
    codings: childrenNamed(el, 'Coding').map(coding),
    noteRefs: refs(el, 'NoteRef'),
    values: values(el),
  };
}

function count(m: Map<string, number>, what: string, n = 1): void {
  if (n > 0) m.set(what, (m.get(what) ?? 0) + n);
}

function readSources(el: XmlElement | undefined, unsupported: Map<string, number>): QTextSource[] {
  const out: QTextSource[] = [];
  for (const s of el?.children ?? []) {
    if (s.name === 'TextSource') out.push(textSource(s));
    else if (s.name === 'PDFSource') {
      // A PDF's plain-text representation is a text source in all but name; its page-area selections are not.
      const rep = child(s, 'Representation');
      count(unsupported, 'PDF page-area selections', childrenNamed(s, 'PDFSelection').length);
      count(unsupported, 'codings of whole PDF files', childrenNamed(s, 'Coding').length);
      if (rep) {
        const t = textSource(rep);
        out.push({ ...t, name: t.name || attr(s, 'name'), guid: t.guid || attr(s, 'guid') });
      } else count(unsupported, 'PDF sources without a text representation');
    } else if (s.name === 'PictureSource') count(unsupported, 'picture sources');
    else if (s.name === 'AudioSource') count(unsupported, 'audio sources (and their transcripts)');
    else if (s.name === 'VideoSource') count(unsupported, 'video sources (and their transcripts)');
    else count(unsupported, `unknown source elements (${s.name})`);
  }
  return out;
}

export function readQde(root: XmlElement, label: string): QdeProject {
  const unsupported = new Map<string, number>();
  if (root.name === 'CodeBook') {
    count(unsupported, 'code sets', childrenNamed(child(root, 'Sets') ?? root, 'Set').length);
    return {
      kind: 'codebook',
      name: '',
      users: [],
      codes: codes(child(root, 'Codes') ?? root),
      variables: [],
      cases: [],
      sources: [],
      notes: [],
      projectNoteRefs: [],
      unsupported,
    };
  }
  if (root.name !== 'Project')
    throw new AppError('invalid', `${label} is not a REFI-QDA project or codebook (its root is <${root.name}>).`);
  count(unsupported, 'sets', childrenNamed(child(root, 'Sets') ?? root, 'Set').length);
  count(unsupported, 'links', childrenNamed(child(root, 'Links') ?? root, 'Link').length);
  count(unsupported, 'graphs', childrenNamed(child(root, 'Graphs') ?? root, 'Graph').length);
  if (textOf(root, 'Description').trim()) count(unsupported, 'project description');
  const cb = child(root, 'CodeBook');
  return {
    kind: 'project',
    name: attr(root, 'name'),
    users: childrenNamed(child(root, 'Users') ?? root, 'User').map((u) => ({
      guid: attr(u, 'guid'),
      name: attr(u, 'name') || attr(u, 'id'),
    })),
    codes: cb ? codes(child(cb, 'Codes') ?? cb) : [],
    variables: childrenNamed(child(root, 'Variables') ?? root, 'Variable').map((v) => ({ guid: attr(v, 'guid'), name: attr(v, 'name') })),
    cases: childrenNamed(child(root, 'Cases') ?? root, 'Case').map((c) => ({
      guid: attr(c, 'guid'),
      name: attr(c, 'name'),
      description: textOf(c, 'Description'),
      values: values(c),
      sourceRefs: refs(c, 'SourceRef'),
      codeRefs: childrenNamed(c, 'CodeRef').length,
      selectionRefs: childrenNamed(c, 'SelectionRef').length,
    })),
    sources: readSources(child(root, 'Sources'), unsupported),
    notes: childrenNamed(child(root, 'Notes') ?? root, 'Note').map(textSource),
    projectNoteRefs: refs(root, 'NoteRef'),
    unsupported,
  };
}
