// Test helper: the memo project plus a small codebook (hierarchy, colours, a description), coded
// excerpts with notes, a memo, and a text outside the Basic Multilingual Plane, where code points
// and UTF-16 units differ.
import { createCode } from '../../coding/codes-service.js';
import { createExcerpt, updateExcerpt } from '../../coding/excerpts-service.js';
import { importPastedText } from '../../documents/document-service.js';
import { createMemo } from '../../memos/memo-service.js';
import { memoProject, type MemoProject } from '../../test-support/memo-project.js';

export const EMOJI_TEXT = 'Field note 🌍 from Khorog:\nThe café 🍵 was closed; traders met at the bazaar instead.\n';

export interface CodedProject extends MemoProject {
  codeIds: { parent: string; child: string; other: string };
  fieldnoteId: string;
}

const cpOffset = (text: string, needle: string): number => [...text.slice(0, text.indexOf(needle))].length;

export async function codedProject(dir: string, name?: string): Promise<CodedProject> {
  const m = await memoProject(dir, name);
  const p = m.project;
  const parent = createCode(p, { name: 'Informal economy', color: '#AA5500', description: 'Trade outside the state’s view & <rules>.' });
  const child = createCode(p, { name: 'Bazaar', parentId: parent.id, color: '#f0c' });
  const other = createCode(p, { name: 'Agency silos', color: '#2e7d32' });
  const doc = importPastedText(p, 'Khorog field note', EMOJI_TEXT, 'fieldnote').document!;
  const start = cpOffset(EMOJI_TEXT, 'café');
  createExcerpt(p, {
    documentId: doc.id,
    start,
    end: start + [...'café 🍵 was closed'].length,
    codeIds: [parent.id, child.id],
    note: 'Tea 🍵 & talk',
  });
  const b = cpOffset(EMOJI_TEXT, 'bazaar');
  createExcerpt(p, { documentId: doc.id, start: b, end: b + 6, codeIds: [child.id] });
  createExcerpt(p, { documentId: doc.id, start: 0, end: 12, codeIds: [] });
  updateExcerpt(p, m.excerptId, { codeIds: [other.id], note: 'Silos, said the NGO lead.' });
  createMemo(p, 'Reflexive memo', '# Trade\n\nThe bazaar matters [@int-R12]. <b>not markup</b> & more.');
  return { ...m, codeIds: { parent: parent.id, child: child.id, other: other.id }, fieldnoteId: doc.id };
}
