// Two researchers code copies of one project apart, then swap files in either direction. Both
// merges must give the same project, lose no edit (a value is either kept or shown with its
// rival in the conflicts), and merging the same file again must change nothing.
import fc from 'fast-check';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAssessments, recordAssessment } from '../../coding/assessments-service.js';
import { createCode, deleteCode, listCodes, restoreCodes, updateCode } from '../../coding/codes-service.js';
import { getFramework } from '../../framework/framework-service.js';
import { createExcerpt, listExcerpts, updateExcerpt } from '../../coding/excerpts-service.js';
import { importPastedText } from '../../documents/document-service.js';
import { createMemo, listMemos, saveMemo } from '../../memos/memo-service.js';
import { backupDirFor, listBackups } from '../../project/backup.js';
import { createProject, openProject } from '../../project/open-project.js';
import type { Author, Project } from '../../project/project.js';
import { tempDir, testAuthor } from '../../test-support/tmp.js';
import { unsealed } from '../../test-support/unsealed.js';
import { mergeProject, SYNCED_TABLES } from './merge.js';

const dir = tempDir();
let n = 0;
const colleague: Author = { deviceId: 'fedcba9876543210', coderId: '00000000-0000-4000-8000-000000000002', coderName: 'Colleague' };

/**
 * Every synced row, all columns but the physical rowid, and every field's stamp, sorted: two equal
 * dumps are the same project, down to the stamps the next merge will compare.
 */
function dump(p: Project): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of [...SYNCED_TABLES, 'sync_seen', 'sync_fields']) {
    const cols = (p.db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'rid');
    out[t] = p.db.prepare(`SELECT ${cols.join(', ')} FROM ${t} ORDER BY ${cols.join(', ')}`).all();
  }
  return out;
}

/** A base project and a colleague's copy of it, both open. */
async function pair(): Promise<{ a: Project; b: Project; aPath: string; bPath: string }> {
  const aPath = join(dir, `a${++n}.fieldcoder`);
  const bPath = join(dir, `b${n}.fieldcoder`);
  const a = (await createProject(aPath, testAuthor, { name: 'Shared' })).project;
  const doc = importPastedText(
    a,
    'Interview 1',
    'The border posts were left without fuel for months, one officer said.',
    'interview',
  ).document!;
  for (const name of ['corruption', 'border', 'coordination']) createCode(a, { name });
  const code = listCodes(a)[0]!;
  createExcerpt(a, { documentId: doc.id, start: 4, end: 16, codeIds: [code.id] });
  createMemo(a, 'Draft', 'First thoughts.');
  await a.db.backup(bPath);
  const b = (await openProject(bPath, colleague)).project;
  return { a, b, aPath, bPath };
}

/**
 * Flips the last byte of the codes_parent index's page (the rowid of the cell written first):
 * damage that passes quick_check and reads fine, which only integrity_check finds.
 */
async function flipCodesParentIndex(path: string): Promise<void> {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(path, { readonly: true });
  const page = db.prepare("SELECT pageno FROM dbstat WHERE name = 'codes_parent'").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(path);
  bytes[page * pageSize - 1]! ^= 1;
  writeFileSync(path, bytes);
}

/** Closes both, merges each into a copy of the other, and returns the two results, open. */
async function mergeBothWays(a: Project, b: Project, aPath: string, bPath: string) {
  a.close();
  b.close();
  const ab = join(dir, `ab${++n}.fieldcoder`);
  const ba = join(dir, `ba${n}.fieldcoder`);
  copyFileSync(aPath, ab);
  copyFileSync(bPath, ba);
  const intoA = (await openProject(ab, testAuthor)).project;
  const intoB = (await openProject(ba, colleague)).project;
  const r1 = await mergeProject(intoA, bPath);
  const r2 = await mergeProject(intoB, aPath);
  return { intoA, intoB, r1, r2 };
}

describe('merging colleagues’ copies', () => {
  let result: Awaited<ReturnType<typeof mergeBothWays>>;
  let codeId: string;
  beforeAll(async () => {
    const { a, b, aPath, bPath } = await pair();
    codeId = listCodes(a).find((c) => c.name === 'border')!.id;
    const excerpt = listExcerpts(a)[0]!;
    updateCode(a, codeId, { name: 'border posts' }); // both rename one code: a conflict
    updateCode(b, codeId, { name: 'borders' });
    updateCode(b, codeId, { color: '#aa3300' }); // another field of it: no conflict
    updateExcerpt(b, excerpt.id, { note: 'fuel shortage' });
    createCode(b, { name: 'religion' });
    deleteCode(a, listCodes(a).find((c) => c.name === 'coordination')!.id);
    saveMemo(a, listMemos(a)[0]!.id, { body: 'First thoughts, revised by A.' });
    result = await mergeBothWays(a, b, aPath, bPath);
  });

  it('gives the same project in both directions', () => {
    expect(dump(result.intoA)).toEqual(dump(result.intoB));
  });

  it('takes each field from the later change and keeps every side’s other edits', () => {
    const codes = listCodes(result.intoA);
    const border = codes.find((c) => c.id === codeId)!;
    expect(border.name).toBe('borders'); // B renamed later
    expect(border.color).toBe('#aa3300');
    const mine = ['border posts', 'borders', 'corruption', 'coordination', 'religion'];
    expect(
      codes
        .map((c) => c.name)
        .filter((x) => mine.includes(x))
        .sort(),
    ).toEqual(['borders', 'corruption', 'religion']);
    expect(listCodes(result.intoA, true).map((c) => c.name)).toEqual(['coordination']);
    expect(listExcerpts(result.intoA)[0]!.note).toBe('fuel shortage');
    expect(listMemos(result.intoA)[0]!.words).toBe(5);
  });

  it('keeps both names of the doubly renamed code as a conflict, the same on both sides', () => {
    expect(result.r1.conflicts).toEqual([
      { id: expect.any(String), table: 'codes', rowId: codeId, field: 'name', shown: 'borders', other: 'border posts' },
    ]);
    expect(result.r2.conflicts).toEqual(result.r1.conflicts);
    expect(result.r1.tables.codes).toEqual({ added: 1, changed: 1 });
  });

  it('changes nothing when the same file is merged again', async () => {
    const before = dump(result.intoA);
    const again = await mergeProject(result.intoA, join(dir, `b1.fieldcoder`));
    expect(Object.values(again.tables).every((x) => x.added === 0 && x.changed === 0)).toBe(true);
    expect(again.conflicts).toEqual([]); // already recorded; still open
    expect(result.intoA.db.prepare('SELECT count(*) AS n FROM sync_conflicts WHERE resolved = 0').get()).toEqual({ n: 1 });
    expect(dump(result.intoA)).toEqual(before);
  });

  it('a dry run reports and changes nothing; a merge makes a backup first', async () => {
    const { a, b, aPath, bPath } = await pair();
    createCode(b, { name: 'new in B' });
    a.close();
    b.close();
    const ours = (await openProject(aPath, testAuthor)).project;
    const before = dump(ours);
    const dry = await mergeProject(ours, bPath, { dryRun: true });
    expect(dry.tables.codes).toEqual({ added: 1, changed: 0 });
    expect(dry.backup).toBeUndefined();
    expect(dump(ours)).toEqual(before);
    const real = await mergeProject(ours, bPath);
    expect(real.backup).toMatch(/pre-merge\.fieldcoder$/);
    expect(listCodes(ours).map((c) => c.name)).toContain('new in B');
    ours.close();
  });
});

// Random edits on both copies; every run merges both ways and checks the three promises.
type Op =
  | { side: 0 | 1; kind: 'rename'; code: number; name: string }
  | { side: 0 | 1; kind: 'color'; code: number; color: string }
  | { side: 0 | 1; kind: 'delete' | 'restore'; code: number }
  | { side: 0 | 1; kind: 'add'; name: string }
  | { side: 0 | 1; kind: 'note'; note: string }
  | { side: 0 | 1; kind: 'memo'; body: string }
  | { side: 0 | 1; kind: 'judge'; cell: number; level: number; consensus: boolean };

const side = fc.constantFrom<0 | 1>(0, 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    side,
    kind: fc.constant('rename' as const),
    code: fc.nat(2),
    name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0),
  }),
  fc.record({ side, kind: fc.constant('color' as const), code: fc.nat(2), color: fc.constantFrom('#112233', '#445566', '#778899') }),
  fc.record({ side, kind: fc.constantFrom('delete' as const, 'restore' as const), code: fc.nat(2) }),
  fc.record({
    side,
    kind: fc.constant('add' as const),
    name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0),
  }),
  fc.record({ side, kind: fc.constant('note' as const), note: fc.string({ maxLength: 20 }) }),
  fc.record({ side, kind: fc.constant('memo' as const), body: fc.string({ maxLength: 40 }) }),
  fc.record({ side, kind: fc.constant('judge' as const), cell: fc.nat(3), level: fc.nat(1), consensus: fc.boolean() }),
);

/** A judgement's cell: unit × period × dimension, from a small index. */
function judgementKey(p: Project, cell: number) {
  const fw = getFramework(p);
  const dim = fw.dimensions[cell % 2]!;
  return { unitId: fw.units[0]!.id, periodId: fw.periods[Math.floor(cell / 2)]!.id, dimensionId: dim.id, levels: dim.levels };
}

function apply(p: Project, o: Op, codeIds: string[]): void {
  const live = (i: number) => listCodes(p).some((c) => c.id === codeIds[i]);
  if ((o.kind === 'rename' || o.kind === 'color') && !live(o.code)) return;
  switch (o.kind) {
    case 'rename':
      updateCode(p, codeIds[o.code]!, { name: o.name });
      break;
    case 'color':
      updateCode(p, codeIds[o.code]!, { color: o.color });
      break;
    case 'delete':
      if (listCodes(p).some((c) => c.id === codeIds[o.code])) deleteCode(p, codeIds[o.code]!);
      break;
    case 'restore':
      if (listCodes(p, true).some((c) => c.id === codeIds[o.code])) restoreCodes(p, [codeIds[o.code]!]);
      break;
    case 'add':
      createCode(p, { name: o.name });
      break;
    case 'note':
      updateExcerpt(p, listExcerpts(p)[0]!.id, { note: o.note });
      break;
    case 'memo':
      saveMemo(p, listMemos(p)[0]!.id, { body: o.body });
      break;
    case 'judge': {
      const k = judgementKey(p, o.cell);
      recordAssessment(p, {
        unitId: k.unitId,
        periodId: k.periodId,
        dimensionId: k.dimensionId,
        levelId: k.levels[o.level]!.id,
        consensus: o.consensus,
      });
      break;
    }
  }
}

describe('merging, property-based', () => {
  it('random edits on two copies: same result both ways, no edit lost, idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const { a, b, aPath, bPath } = await pair();
        const codeIds = listCodes(a).map((c) => c.id);
        // The last value each side gave each code name: must survive as value or conflict.
        const lastName = [new Map<string, string>(), new Map<string, string>()];
        // The last judgement each side made per cell, dimension and consensus flag.
        const lastJudgement = [new Map<string, string>(), new Map<string, string>()];
        for (const o of ops) {
          apply(o.side === 0 ? a : b, o, codeIds);
          if (o.kind === 'judge') {
            const k = judgementKey(a, o.cell);
            lastJudgement[o.side]!.set(`${k.unitId}|${k.periodId}|${k.dimensionId}|${o.consensus}|${o.side}`, k.levels[o.level]!.id);
          }
          if (o.kind !== 'rename') continue;
          // As stored (the codebook may trim or make a name unique).
          const after = listCodes(o.side === 0 ? a : b).find((c) => c.id === codeIds[o.code]);
          if (after) lastName[o.side]!.set(after.id, after.name);
        }
        const { intoA, intoB, r1 } = await mergeBothWays(a, b, aPath, bPath);
        try {
          expect(dump(intoA)).toEqual(dump(intoB));
          const names = new Map(
            listCodes(intoA, false)
              .concat(listCodes(intoA, true))
              .map((c) => [c.id, c.name]),
          );
          for (const s of [0, 1] as const) {
            for (const [id, name] of lastName[s]!) {
              const kept =
                names.get(id) === name ||
                r1.conflicts.some((c) => c.rowId === id && c.field === 'name' && (c.shown === name || c.other === name));
              expect(kept, `side ${s} renamed ${id} to ${name}`).toBe(true);
            }
          }
          // Every judgement is kept, or shown beside its rival as a conflict.
          const judged = listAssessments(intoA);
          const coderOf = [testAuthor.coderId, colleague.coderId];
          for (const s of [0, 1] as const) {
            for (const [key, levelId] of lastJudgement[s]!) {
              const [unitId, periodId, dimensionId, consensus] = key.split('|');
              const rows = judged.filter(
                (x) =>
                  x.unitId === unitId &&
                  x.periodId === periodId &&
                  x.dimensionId === dimensionId &&
                  String(x.consensus) === consensus &&
                  (consensus === 'true' || x.assessorId === coderOf[s]),
              );
              const kept =
                rows.some((x) => x.levelId === levelId) ||
                r1.conflicts.some((c) => c.field === 'level_id' && (c.shown === levelId || c.other === levelId));
              expect(kept, `side ${s} judged ${key}`).toBe(true);
            }
          }
          const before = dump(intoA);
          await mergeProject(intoA, bPath);
          expect(dump(intoA)).toEqual(before);
        } finally {
          intoA.close();
          intoB.close();
        }
      }),
      { numRuns: Number(process.env.MERGE_RUNS ?? 15) },
    );
  }, 120_000);
});

describe('resolving conflicts', () => {
  it('puts the other value back as a new change, and the resolution merges to the colleague', async () => {
    const { listConflicts, resolveConflict } = await import('./conflicts.js');
    const { a, b, aPath, bPath } = await pair();
    const id = listCodes(a).find((c) => c.name === 'border')!.id;
    updateCode(a, id, { name: 'frontier' });
    updateCode(b, id, { name: 'boundary' });
    const { intoA, intoB } = await mergeBothWays(a, b, aPath, bPath);
    const [c] = listConflicts(intoA);
    expect(c).toMatchObject({ table: 'codes', field: 'name', label: 'boundary', shown: 'boundary', other: 'frontier' });
    resolveConflict(intoA, c!.id, 'other');
    expect(listCodes(intoA).find((x) => x.id === id)!.name).toBe('frontier');
    expect(listConflicts(intoA)).toEqual([]);
    // The colleague merges the resolved file: the same name, and the pair closed there too.
    const resolvedPath = intoA.path;
    intoA.close();
    await mergeProject(intoB, resolvedPath);
    expect(listCodes(intoB).find((x) => x.id === id)!.name).toBe('frontier');
    expect(listConflicts(intoB)).toEqual([]);
    expect(() => resolveConflict(intoB, c!.id, 'shown')).toThrow(/No such open conflict/);
    intoB.close();
  });
});

describe('merging what differs beyond codes', () => {
  it('brings a colleague’s new unit into the framework, identities only on request, and equal fingerprints', async () => {
    const { fingerprint } = await import('../fingerprint.js');
    const { editableFramework, saveFramework } = await import('../../framework/edit-framework.js');
    const { setIdentity, listDocuments } = await import('../../documents/document-service.js');
    const { a, b, aPath, bPath } = await pair();
    const t = editableFramework(b);
    saveFramework(
      b,
      JSON.stringify({
        ...t,
        units: [...t.units, { key: 'rasht', name: 'Rasht Valley', kind: 'region', description: '', inMatrix: true, aliases: [] }],
      }),
    );
    setIdentity(b, { documentId: listDocuments(b)[0]!.id, realName: 'Rustam Qodirov', contact: '', notes: '' });
    const { intoA, intoB } = await mergeBothWays(a, b, aPath, bPath);
    const { getFramework } = await import('../../framework/framework-service.js');
    expect(getFramework(intoA).units.map((u) => u.name)).toContain('Rasht Valley');
    expect(intoA.db.prepare('SELECT count(*) AS n FROM identities').get()).toEqual({ n: 0 });
    expect(fingerprint(intoA).hash).toBe(fingerprint(intoB).hash);
    await mergeProject(intoA, bPath, { identities: true });
    expect(intoA.db.prepare('SELECT real_name FROM identities').all()).toEqual([{ real_name: 'Rustam Qodirov' }]);
    intoA.close();
    intoB.close();
  });

  it('refuses a colleague’s file whose index no longer matches its table, and commits nothing of it', async () => {
    // Their check runs in a worker while the merge reads and writes; this damage passes
    // quick_check, reads fine, and only integrity_check finds it, so the merge gets all the way
    // to its commit before the verdict can stop it.
    const Database = (await import('better-sqlite3')).default;
    const { a, b, aPath, bPath } = await pair();
    createCode(b, { name: 'new in the damaged copy' });
    updateCode(b, listCodes(b)[0]!.id, { name: 'renamed in the damaged copy' });
    a.close();
    b.close();
    // Unsealed, as a file left by a crash is: a sealed one is refused by its seal first (seal.test.ts).
    unsealed(bPath);
    await flipCodesParentIndex(bPath);
    const check = new Database(bPath, { readonly: true });
    expect(check.pragma('quick_check', { simple: true })).toBe('ok');
    expect(check.pragma('integrity_check', { simple: true })).not.toBe('ok');
    check.close();
    const ours = (await openProject(aPath, testAuthor)).project;
    const before = dump(ours);
    await expect(mergeProject(ours, bPath, { dryRun: true })).rejects.toMatchObject({ code: 'corrupt' });
    const backups = listBackups(aPath).length;
    await expect(mergeProject(ours, bPath)).rejects.toThrow(/damaged \(integrity check: .*codes_parent/);
    expect(dump(ours)).toEqual(before);
    // The backup made for it was never named, and nothing of it is left.
    expect(listBackups(aPath)).toHaveLength(backups);
    expect(readdirSync(backupDirFor(aPath)).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(ours.db.pragma('integrity_check', { simple: true })).toBe('ok');
    ours.close();
  });

  it('refuses a colleague’s file whose search index does not match its text; damage to a table is told first', async () => {
    // Their check runs in two halves side by side (integrity-worker.ts): integrity_check, and
    // FTS5's comparison of each search index with its text. Either half stops the merge.
    const { a, b, aPath, bPath } = await pair();
    importPastedText(b, 'Field notes', 'The checkpoint at Khorog was staffed at night.', 'fieldnote');
    // The index loses the documents' words: integrity_check cannot see that, only FTS5's check.
    b.db.exec("INSERT INTO documents_fts(documents_fts, rowid, title, text) SELECT 'delete', rid, title, text FROM documents");
    a.close();
    b.close();
    unsealed(bPath);
    const ours = (await openProject(aPath, testAuthor)).project;
    const before = dump(ours);
    await expect(mergeProject(ours, bPath)).rejects.toThrow(/search index documents_fts does not match its text/);
    expect(dump(ours)).toEqual(before);
    // Damaged both ways: the table's damage is what the user is told.
    await flipCodesParentIndex(bPath);
    await expect(mergeProject(ours, bPath)).rejects.toThrow(/damaged \(integrity check: .*codes_parent/);
    expect(dump(ours)).toEqual(before);
    expect(readdirSync(backupDirFor(aPath)).filter((f) => f.includes('.partial'))).toEqual([]);
    ours.close();
  });

  it('stops at a value the two files hold differently for one change, a flip no check can see, and merges nothing', async () => {
    const Database = (await import('better-sqlite3')).default;
    const { a, b, aPath, bPath } = await pair();
    createCode(b, { name: 'new in the flipped copy' });
    a.close();
    b.close();
    // Unsealed, as a file left by a crash is: a sealed one is refused by its seal first (seal.test.ts).
    unsealed(bPath);
    // One bit of a coder's name in their file (a value no index or search index holds):
    // "Test Coder" becomes "Test Codes".
    const bytes = readFileSync(bPath);
    let flipped = 0;
    for (let at = bytes.indexOf('Test Coder'); at >= 0; at = bytes.indexOf('Test Coder', at + 1), flipped++)
      bytes[at + 9] = bytes[at + 9]! ^ 0x01;
    expect(flipped).toBe(1);
    writeFileSync(bPath, bytes);
    const check = new Database(bPath, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const ours = (await openProject(aPath, testAuthor)).project;
    const before = dump(ours);
    const refusal = {
      code: 'corrupt',
      message: expect.stringContaining(`one and the same change (coders ${testAuthor.coderId}, field "name")`),
    };
    await expect(mergeProject(ours, bPath, { dryRun: true })).rejects.toMatchObject(refusal);
    await expect(mergeProject(ours, bPath)).rejects.toMatchObject(refusal);
    expect(dump(ours)).toEqual(before);
    ours.close();
  });

  it('upgrades an older colleague’s file on a copy, and refuses a newer one', async () => {
    const Database = (await import('better-sqlite3')).default;
    const { APPLICATION_ID } = await import('../../project/format.js');
    const { migrate } = await import('../../project/migrate.js');
    const { a, b, aPath, bPath } = await pair();
    b.close();
    a.close();
    const old = join(dir, 'old-v2.fieldcoder');
    const db = new Database(old);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 2);
    db.prepare(
      "INSERT INTO coders(id, name, stamp) VALUES ('00000000-0000-4000-8000-000000000009', 'Old colleague', '2025-01-01T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa')",
    ).run();
    db.close();
    const ours = (await openProject(aPath, testAuthor)).project;
    const r = await mergeProject(ours, old);
    expect(r).toMatchObject({ theirVersion: 2, upgraded: true });
    expect(ours.db.prepare("SELECT name FROM coders WHERE name = 'Old colleague'").get()).toBeTruthy();
    const newer = new Database(bPath);
    newer.pragma('user_version = 99');
    newer.close();
    await expect(mergeProject(ours, bPath)).rejects.toThrow(/newer Field Coder/);
    ours.close();
  });
});
