// A planted identity (a real name and a phone number kept only in `identities`) must not leave
// the app by any door: memo exports in every format (DOCX parts and properties, PDF text and
// metadata included), REFI-QDA, a shared copy, a colleague's merge. And clearing an identity
// really removes it: after a checkpoint its bytes are in neither the file nor its WAL.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPastedText, listDocuments, setIdentity } from '../documents/document-service.js';
import { mergeProject } from '../exchange/merge/merge.js';
import { exportQdpx } from '../exchange/refi/export-qdpx.js';
import { shareCopy } from '../exchange/share-copy.js';
import { exportMemo } from '../memos/export-memo.js';
import { findChromium } from '../memos/export/pdf.js';
import { createMemo } from '../memos/memo-service.js';
import { createProject, openProject } from '../project/open-project.js';
import { heldFd } from '../project/held-fd.js';
import { sealHolds } from '../project/seal.js';
import type { Project } from '../project/project.js';
import { memoProject, seedLikeMemo } from '../test-support/memo-project.js';
import { tempDir, testAuthor } from '../test-support/tmp.js';

const NAME = 'Zulfiya Nazarovna-Qurbonova';
const PHONE = '+992 93 555 0199';
const dir = tempDir();
let p: Project;
let memoId: string;

/** Every text a file can hide a string in: raw bytes (UTF-8 and UTF-16) and, for zips, each part. */
function leaks(bytes: Uint8Array, label: string): string[] {
  const found: string[] = [];
  const buf = Buffer.from(bytes);
  for (const s of [NAME, PHONE, 'Nazarovna']) {
    if (buf.includes(Buffer.from(s, 'utf8')) || buf.includes(Buffer.from(s, 'utf16le'))) found.push(`${label}: ${s}`);
  }
  if (buf.subarray(0, 2).toString() === 'PK') {
    for (const [part, data] of Object.entries(unzipSync(bytes))) {
      const text = strFromU8(data);
      for (const s of [NAME, PHONE]) if (text.includes(s)) found.push(`${label}/${part}: ${s}`);
    }
  }
  return found;
}

beforeAll(async () => {
  const m = await memoProject(dir);
  p = m.project;
  // The planted identity: only in identities, for an interview the memo cites and quotes.
  const doc = listDocuments(p).find((d) => d.role === 'law-enforcement official')!;
  setIdentity(p, { documentId: doc.id, realName: NAME, contact: PHONE, notes: `Met through ${NAME}’s cousin.` });
  memoId = createMemo(p, 'Memo with a source at risk', seedLikeMemo(m)).id;
});

describe('an identity never leaves the app', () => {
  it('memo exports: Markdown (+ CSL-JSON), DOCX (every part), HTML, PDF (text and metadata)', async () => {
    const found: string[] = [];
    for (const format of ['md', 'docx', 'html'] as const) {
      const e = await exportMemo(p, memoId, { format });
      for (const f of e.files) found.push(...leaks(Buffer.from(f.base64, 'base64'), f.fileName));
    }
    if (findChromium()) {
      const e = await exportMemo(p, memoId, { format: 'pdf' });
      const pdf = join(dir, 'memo.pdf');
      writeFileSync(pdf, Buffer.from(e.files[0]!.base64, 'base64'));
      found.push(...leaks(readFileSync(pdf), 'pdf'));
      const text =
        spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout + spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
      for (const s of [NAME, PHONE]) if (text.includes(s)) found.push(`pdf text/metadata: ${s}`);
    } else if (process.env.CI) throw new Error('Chromium is missing in CI');
    expect(found).toEqual([]);
  }, 60_000);

  it('REFI-QDA export', async () => {
    const { bytes } = await exportQdpx(p);
    expect(leaks(bytes, 'qdpx')).toEqual([]);
  });

  it('a shared copy without identities, and a colleague’s merge of this project', async () => {
    const out = join(dir, 'to-send.fieldcoder');
    shareCopy(p, out, { withoutIdentities: true });
    expect(leaks(readFileSync(out), 'shared copy')).toEqual([]);
    // A colleague merges our file into theirs without asking for identities.
    const theirs = (await createProject(join(dir, 'colleague.fieldcoder'), { ...testAuthor, deviceId: 'fedcba9876543210' }, { name: 'C' }))
      .project;
    const ours = p.path;
    p.close();
    await mergeProject(theirs, ours);
    theirs.checkpointNow();
    expect(leaks(readFileSync(theirs.path), 'colleague after merge')).toEqual([]);
    theirs.close();
    p = (await openProject(ours, testAuthor)).project;
  });

  it("a colleague's clearing of an identity, merged, removes its bytes from the file and the WAL", async () => {
    const a = join(dir, 'cleared-a.fieldcoder');
    const b = join(dir, 'cleared-b.fieldcoder');
    let ours = (await createProject(a, testAuthor, { name: 'A' })).project;
    const doc = importPastedText(ours, 'Interview 7', 'The post was moved twice that winter.', 'interview').document!;
    setIdentity(ours, { documentId: doc.id, realName: NAME, contact: PHONE, notes: '' });
    ours.close();
    writeFileSync(b, readFileSync(a));
    const col = (await openProject(b, { ...testAuthor, deviceId: 'fedcba9876543210', coderId: '00000000-0000-4000-8000-000000000002' }))
      .project;
    setIdentity(col, { documentId: doc.id, realName: '', contact: '', notes: '' });
    col.close();
    ours = (await openProject(a, testAuthor)).project;
    expect(leaks(readFileSync(a), 'before the merge').length).toBeGreaterThan(0);
    const report = await mergeProject(ours, b, { identities: true });
    expect(report.tables.identities?.changed).toBe(1);
    expect(leaks(readFileSync(a), 'project file')).toEqual([]);
    if (existsSync(`${a}-wal`)) expect(leaks(readFileSync(`${a}-wal`), 'WAL')).toEqual([]);
    ours.close();
  });

  it('clearing an identity removes its bytes from the file and the WAL', async () => {
    const doc = listDocuments(p).find((d) => d.role === 'law-enforcement official')!;
    p.checkpointNow();
    expect(leaks(readFileSync(p.path), 'before clearing').length).toBeGreaterThan(0);
    // A note naming them, saved since (so in the WAL's frames, not yet in the file).
    p.write(() => p.db.prepare('UPDATE identities SET notes = ? WHERE document_id = ?').run(`Call ${NAME} first`, doc.id));
    expect(leaks(readFileSync(`${p.path}-wal`), 'WAL before clearing').length).toBeGreaterThan(0);
    setIdentity(p, { documentId: doc.id, realName: '', contact: '', notes: '' });
    // No checkpoint of the test's own: clearing it leaves its bytes nowhere by itself.
    const wal = `${p.path}-wal`;
    expect(leaks(readFileSync(p.path), 'project file')).toEqual([]);
    if (existsSync(wal)) expect(leaks(readFileSync(wal), 'WAL')).toEqual([]);
    // And the file kept a seal through that checkpoint: the one it has is its own (seal.ts).
    const digest = p.db.prepare('SELECT digest FROM file_seal').pluck().get() as Buffer | null;
    const page = p.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'file_seal'").pluck().get() as number;
    expect(digest).toHaveLength(32);
    expect(sealHolds(heldFd(p.path), { digest: digest!, page, pageSize: p.db.pragma('page_size', { simple: true }) as number })).toBe(true);
    p.close();
  });
});
