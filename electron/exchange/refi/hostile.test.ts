// Hostile archives and XML: each is refused with a clear error, and the project file is
// byte-for-byte what it was (checked by hash after closing, so nothing hides in the WAL).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { deflatedZeros, zipRaw, type RawEntry } from '../../documents/extract/fixtures/make-zip.js';
import { createProject, openProject } from '../../project/open-project.js';
import { tempDir, testAuthor } from '../../test-support/tmp.js';
import { importRefi } from './import-qdpx.js';

const GUID = '6e0f4d8a-3b1c-4f55-9a2e-7c1d2b3a4f5e';
const QDE = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="hostile"><Sources><TextSource guid="${GUID}" name="t" plainTextPath="internal://${GUID}.txt"/></Sources></Project>`;

const enc = (s: string) => new TextEncoder().encode(s);
const stored = (name: string, data: Uint8Array): RawEntry => ({ name, data, method: 0, size: data.length, crc: crc32(data) });
const archive = (...extra: RawEntry[]) =>
  zipRaw([stored('project.qde', enc(QDE)), stored(`sources/${GUID}.txt`, enc('Some text.')), ...extra]);

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>`;
const XXE = `<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>`;

const dir = tempDir('fc-refi-hostile-');
const path = join(dir, 'target.fieldcoder');
const sha = () => createHash('sha256').update(readFileSync(path)).digest('hex');
let original: string;

beforeAll(async () => {
  const { project } = await createProject(path, testAuthor, { name: 'Target' });
  project.close();
  original = sha();
});

async function refused(fileName: string, bytes: Uint8Array, code: ErrorCode, message: RegExp): Promise<void> {
  const { project } = await openProject(path, testAuthor);
  let error: unknown;
  try {
    importRefi(project, fileName, bytes);
  } catch (e) {
    error = e;
  } finally {
    project.close();
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  expect(sha()).toBe(original);
}

describe('hostile REFI-QDA files', () => {
  it('a well-formed archive like the hostile ones imports (the baseline)', async () => {
    const { project } = await createProject(join(dir, 'baseline.fieldcoder'), testAuthor, { name: 'Baseline' });
    expect(importRefi(project, 'ok.qdpx', archive()).imported.documents).toBe(1);
    project.close();
  });

  it('refuses zip-slip names', () => refused('slip.qdpx', archive(stored('sources/../../evil.sh', enc('x'))), 'invalid', /"\.\." step/));
  it('refuses absolute paths', () => refused('abs.qdpx', archive(stored('/etc/cron.d/evil', enc('x'))), 'invalid', /absolute path/));
  it('refuses backslashes', () => refused('bs.qdpx', archive(stored('sources\\..\\evil.txt', enc('x'))), 'invalid', /backslash/));
  it('refuses drive letters', () => refused('drive.qdpx', archive(stored('C:/Windows/evil.txt', enc('x'))), 'invalid', /drive letter/));

  it('stops a zip bomb whose header lies about its size while inflating it', async () => {
    const bomb: RawEntry = { name: `sources/${GUID}.txt`, data: deflatedZeros(256 * 2 ** 20), method: 8, size: 1000, crc: 0 };
    const bytes = zipRaw([stored('project.qde', enc(QDE)), bomb]);
    expect(bytes.length).toBeLessThan(2 * 2 ** 20);
    const t = Date.now();
    await refused('bomb.qdpx', bytes, 'invalid', /unpacks to more than the 1000 bytes its header declares/);
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('stops a .qde that is itself a bomb', () =>
    refused(
      'qde-bomb.qdpx',
      zipRaw([{ name: 'project.qde', data: deflatedZeros(64 * 2 ** 20), method: 8, size: 4096, crc: 0 }]),
      'invalid',
      /project\.qde unpacks to more than/,
    ));

  it('refuses entries that declare more than the total cap before inflating them', () =>
    refused(
      'huge.qdpx',
      zipRaw([stored('project.qde', enc(QDE)), { name: `sources/${GUID}.txt`, data: deflatedZeros(1000), method: 8, size: 600 * 2 ** 20 }]),
      'too_large',
      /more than 512 MB/,
    ));

  it('refuses too many entries', () => {
    const many = Array.from({ length: 10_001 }, (_, i) => stored(`sources/${i}.txt`, enc('x')));
    return refused('many.qdpx', zipRaw([stored('project.qde', enc(QDE)), ...many]), 'too_large', /more than 10,000 files/);
  });

  it('refuses billion laughs', () => refused('laughs.qdpx', zipRaw([stored('project.qde', enc(LAUGHS))]), 'invalid', /DOCTYPE/));
  it('refuses external entities (XXE)', () => refused('xxe.qdpx', zipRaw([stored('project.qde', enc(XXE))]), 'invalid', /DOCTYPE/));
  it('refuses XXE in a bare codebook too', () =>
    refused('xxe.qdc', enc(XXE.replace(/Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/, 'CodeBook')), 'invalid', /DOCTYPE/));

  it('leaves nothing behind when the import fails half-way through writing', async () => {
    const { project } = await createProject(join(dir, 'half.fieldcoder'), testAuthor, { name: 'Half' });
    const counts = () =>
      ['coders', 'codes', 'documents', 'excerpts', 'excerpt_codes', 'memos'].map(
        (t) => (project.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      );
    const before = counts();
    // The last step (memos) fails after users, codes, documents and excerpts were written.
    project.db.exec("CREATE TEMP TRIGGER fail_memo BEFORE INSERT ON memos BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    const qde = QDE.replace(
      '<Sources>',
      '<Users><User guid="11111111-2222-4333-8444-555555555555" name="Ana"/></Users><CodeBook><Codes><Code guid="21111111-2222-4333-8444-555555555555" name="C" isCodable="true"/></Codes></CodeBook><Sources>',
    )
      .replace('name="t" plainTextPath', 'name="t" creatingUser="11111111-2222-4333-8444-555555555555" plainTextPath')
      .replace(
        '</Sources>',
        '</Sources><Notes><Note guid="31111111-2222-4333-8444-555555555555" name="n"><PlainTextContent>memo</PlainTextContent></Note></Notes>',
      );
    const bytes = zipRaw([stored('project.qde', enc(qde)), stored(`sources/${GUID}.txt`, enc('Some text.'))]);
    expect(() => importRefi(project, 'half.qdpx', bytes)).toThrow(/disk on fire/);
    expect(counts()).toEqual(before);
    project.db.exec('DROP TRIGGER fail_memo');
    expect(importRefi(project, 'half.qdpx', bytes).imported).toEqual({
      coders: 1,
      codes: 1,
      documents: 1,
      excerpts: 0,
      codings: 0,
      memos: 1,
    });
    project.close();
  });

  it('refuses what is not an archive or not REFI-QDA', async () => {
    await refused('junk.qdpx', enc('not a zip'), 'invalid', /not a zip archive/);
    await refused('noqde.qdpx', zipRaw([stored('readme.txt', enc('x'))]), 'invalid', /no \.qde/);
    await refused('html.qdc', enc('<html><body/></html>'), 'invalid', /not a REFI-QDA project or codebook/);
    await refused('cut.qdc', enc('<CodeBook><Codes>'), 'invalid', /not well-formed/);
  });
});
