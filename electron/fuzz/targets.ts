// The fuzz targets as they run inside the child process (see child.ts): each takes the raw bytes
// of one input, calls the real entry point the app calls, and lets whatever it throws reach the
// caller, which classifies it. Targets that write to a project get a real project file, copied
// from the fixture the parent built, so "refused" can be checked against the file itself.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importAssessmentsCsv } from '../coding/import-assessments.js';
import { AppError, toErrorValue } from '../core/errors.js';
import { decodeText } from '../documents/decode-text.js';
import { makeDocx } from '../documents/extract/fixtures/make-docx.js';
import { makePdf } from '../documents/extract/fixtures/make-pdf.js';
import { importFile } from '../documents/document-service.js';
import { extractFile } from '../documents/extract-file.js';
import { importRefi } from '../exchange/refi/import-qdpx.js';
import { mergeProject } from '../exchange/merge/merge.js';
import { importTemplate } from '../framework/framework-service.js';
import { importMarkdownMemo } from '../memos/import-memo.js';
import { renderMemo } from '../memos/render/render-memo.js';
import { backupDirFor } from '../project/backup.js';
import { openProject } from '../project/open-project.js';
import type { Author, Project } from '../project/project.js';
import { commitImport } from '../references/reference-service.js';
import { SELF_TEST, TARGETS, type RunnableTarget, type TargetName } from './target-names.js';

/** What a target found out beyond "it returned": a problem the harness reports as a failure. */
export class FuzzFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'FuzzFailure';
  }
}

export const FUZZ_AUTHOR: Author = {
  deviceId: '0123456789abcdef',
  coderId: '00000000-0000-4000-8000-000000000001',
  coderName: 'Test Coder',
};

/** Text inputs travel as UTF-16LE code units, so lone surrogates survive the trip and the regression file. */
export function textOf(bytes: Uint8Array): string {
  const n = bytes.length >> 1;
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
  let s = '';
  // fromCharCode takes arguments: in slices, or a large input overflows the call stack.
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...units.subarray(i, i + 8192));
  return s;
}

interface Snapshot {
  counts: Record<string, number>;
  meta: string;
}

/** A project file of our own, reset from the fixture whenever an input changed it. */
class ProjectBench {
  project!: Project;
  private readonly dir = mkdtempSync(join(tmpdir(), 'fc-fuzz-'));
  private readonly path = join(this.dir, 'bench.fieldcoder');

  constructor(private readonly fixture: string) {}

  async open(): Promise<void> {
    copyFileSync(this.fixture, this.path);
    this.project = (await openProject(this.path, FUZZ_AUTHOR)).project;
  }

  async reset(): Promise<void> {
    this.project.close();
    rmSync(backupDirFor(this.path), { recursive: true, force: true });
    await this.open();
  }

  scratch(name: string): string {
    return join(this.dir, name);
  }

  snapshot(): Snapshot {
    const db = this.project.db;
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
    // meta holds the clock, which every committed write moves: a cheap "did anything commit".
    const meta = JSON.stringify(db.prepare('SELECT key, value FROM meta ORDER BY key').all());
    return { counts, meta };
  }

  /** Integrity and foreign keys; throws FuzzFailure when the file is no longer sound. */
  checkSound(after: string): void {
    const db = this.project.db;
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    if (integrity !== 'ok') throw new FuzzFailure('integrity', `integrity_check after ${after}: ${integrity.slice(0, 300)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) throw new FuzzFailure('foreign-keys', `${fk.length} foreign key violations after ${after}: ${JSON.stringify(fk[0])}`);
  }

  unchangedSince(before: Snapshot): void {
    const now = this.snapshot();
    const changed = Object.keys({ ...before.counts, ...now.counts }).filter((t) => before.counts[t] !== now.counts[t]);
    if (changed.length)
      throw new FuzzFailure(
        'partial-write',
        `refused, but rows changed in ${changed.map((t) => `${t} ${before.counts[t] ?? '-'}→${now.counts[t] ?? '-'}`).join(', ')}`,
      );
    if (now.meta !== before.meta) throw new FuzzFailure('partial-write', 'refused, but the meta table (clock) changed');
    this.checkSound('a refusal');
  }
}

export interface TargetRun {
  /** Runs one input; returns normally for "imported", throws for "refused" or a failure. */
  run(bytes: Uint8Array): Promise<void>;
}

const INTERNAL = toErrorValue(new Error()).message;

/**
 * Wraps a project-writing call: after a refusal the project must be exactly as before, after an
 * import it must be sound (then it is reset, so inputs do not pile up in one file).
 */
function writing(bench: ProjectBench, call: (p: Project, bytes: Uint8Array) => Promise<void> | void): TargetRun {
  return {
    async run(bytes) {
      const before = bench.snapshot();
      try {
        await call(bench.project, bytes);
      } catch (err) {
        bench.unchangedSince(before);
        throw err;
      }
      bench.checkSound('an import');
      await bench.reset();
    },
  };
}

const DOC_NAMES: Partial<Record<TargetName, string>> = {
  'document-txt': 'interview.txt',
  'document-html': 'page.html',
  'document-docx': 'interview.docx',
  'document-pdf': 'report.pdf',
};

const REF_NAMES: Partial<Record<TargetName, string>> = {
  'references-bibtex': 'library.bib',
  'references-ris': 'library.ris',
  'references-csljson': 'library.json',
  'references-sniff': 'library.txt',
};

export async function makeTarget(name: RunnableTarget, fixture: string): Promise<TargetRun> {
  if (name === SELF_TEST) return selfTest(fixture);
  if (!TARGETS.includes(name)) throw new Error(`unknown fuzz target ${name}`);
  if (name === 'decode-text') {
    return {
      run: async (bytes) => {
        const r = decodeText(bytes);
        if (typeof r.text !== 'string' || !r.encoding) throw new FuzzFailure('bad-result', 'decodeText returned no text or encoding');
      },
    };
  }
  if (name === 'memo-render') {
    // Rendering only reads; the fixture opens once and a write would show in the next snapshot.
    const bench = new ProjectBench(fixture);
    await bench.open();
    return {
      run: async (bytes) => {
        const body = textOf(bytes);
        const before = bench.snapshot();
        for (const style of ['chicago', 'apa'] as const) renderMemo(bench.project, { title: 'Fuzz', body, style, redact: ['Rustam'] });
        const after = bench.snapshot();
        if (JSON.stringify(after) !== JSON.stringify(before))
          throw new FuzzFailure('wrote-while-reading', 'rendering a memo changed the project');
      },
    };
  }

  const bench = new ProjectBench(fixture);
  await bench.open();
  const docName = DOC_NAMES[name];
  if (docName) {
    // Load pdf.js and warm the extractors first, so the first input is not charged for it.
    await extractFile('warm.pdf', makePdf(['BT /F1 12 Tf 72 720 Td (Warm) Tj ET']));
    await extractFile('warm.docx', makeDocx({ body: '<w:p><w:r><w:t>Warm</w:t></w:r></w:p>' }));
    return writing(bench, async (p, bytes) => {
      const outcome = await importFile(p, docName, bytes, 'interview');
      if (outcome.status === 'imported') return;
      if (outcome.message === INTERNAL || !outcome.message.trim()) {
        // importFile turns every error into an outcome; find the real one for the report.
        let cause = 'the write to the project failed';
        try {
          await extractFile(docName, bytes);
        } catch (err) {
          cause = describe(err);
        }
        throw new FuzzFailure('internal-error', `refused with "${outcome.message}" (${cause})`);
      }
      throw new AppError('invalid', outcome.message);
    });
  }
  const refName = REF_NAMES[name];
  if (refName) return writing(bench, (p, bytes) => void commitImport(p, refName, textOf(bytes), {}));
  if (name === 'assessments-csv') return writing(bench, (p, bytes) => void importAssessmentsCsv(p, textOf(bytes)));
  if (name === 'framework-template') return writing(bench, (p, bytes) => void importTemplate(p, textOf(bytes)));
  if (name === 'memo-import') return writing(bench, (p, bytes) => void importMarkdownMemo(p, textOf(bytes)));
  if (name === 'refi-qdpx') return writing(bench, (p, bytes) => void importRefi(p, 'colleague.qdpx', bytes));
  if (name === 'merge') {
    return writing(bench, async (p, bytes) => {
      const theirs = bench.scratch('theirs.fieldcoder');
      writeFileSync(theirs, bytes);
      try {
        await mergeProject(p, theirs);
      } finally {
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(theirs + suffix, { force: true });
        rmSync(backupDirFor(theirs), { recursive: true, force: true });
      }
    });
  }
  throw new Error(`no runner for fuzz target ${name}`);
}

async function selfTest(fixture: string): Promise<TargetRun> {
  const bench = new ProjectBench(fixture);
  await bench.open();
  const hold: unknown[] = [];
  return writing(bench, async (p, bytes) => {
    const command = new TextDecoder().decode(bytes);
    if (command === 'ok') return;
    if (command === 'refuse') throw new AppError('invalid', 'Not this file.');
    if (command === 'internal') throw new AppError('internal', 'Something went wrong inside Field Coder.');
    if (command === 'throw') throw new TypeError('x is not a function');
    if (command === 'recurse') {
      const f = (n: number): number => f(n + 1) + 1;
      f(0);
    }
    if (command === 'reject') void Promise.reject(new Error('nobody awaited this'));
    if (command === 'hang') for (;;);
    if (command === 'heap') for (;;) hold.push(new Array(1e6).fill(Math.random()));
    if (command === 'buffers') for (;;) hold.push(Buffer.alloc(64 * 1024 * 1024, 1));
    if (command === 'partial') {
      // A write outside any transaction, then a refusal: exactly what "no partial write" forbids.
      p.db.prepare("INSERT INTO memos(id, title, body, stamp, coder_id) VALUES ('x', 'half', '', 'stamp', NULL)").run();
      throw new AppError('invalid', 'Refused after writing.');
    }
  });
}

/** One line about an error that is not an AppError: its class, message and where it came from. */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return `non-Error thrown: ${String(err).slice(0, 200)}`;
  const frame = (err.stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .find((l) => l.startsWith('at ') && !l.includes('node:internal'));
  const where = frame ? ` ${frame.replace(/\(?file:\/\/[^)]*\/(electron|node_modules)\//, '($1/')}` : '';
  return `${err.name}: ${err.message.split('\n')[0]!.slice(0, 300)}${where}`;
}
