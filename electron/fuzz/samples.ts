// The real samples the generators start from, built once per test run: the seed texts, the
// reference fixtures, a project like the memo's (the fixture every project-writing target copies),
// its framework exported as a template, its memo body, its assessments CSV and its REFI-QDA
// export, plus the REFI-QDA sample archive and the REFI-QDA spec (a real PDF) from shared/.
import Database from 'better-sqlite3';
import crypto, { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { exportQdpx } from '../exchange/refi/export-qdpx.js';
import { exportTemplate } from '../framework/framework-service.js';
import { BIBLATEX, BIBTEX, CSLJSON, RIS } from '../references/formats/fixtures.test-data.js';
import { memoProject, seedLikeMemo } from '../test-support/memo-project.js';
import { memoCsv } from '../test-support/memo-table2.js';
import { SEEDS_DIR, seedFiles } from '../test-support/seeds.js';

export interface Samples {
  /** The project file every project-writing target starts from. */
  fixture: string;
  /** The same project in rollback-journal mode, as bytes to craft colleagues' files from. */
  project: Uint8Array;
  seeds: string[];
  memoBody: string;
  template: string;
  csv: string;
  bibtex: string[];
  ris: string;
  csljson: string;
  qdpx: Uint8Array[];
  realPdf?: Uint8Array;
}

/**
 * Runs `fn` with row ids from a counter instead of randomUUID, so the fixture has the same ids in
 * every run: samples that name ids (the memo's {{excerpt id=…}}) come out the same, a seeded
 * short form generates the same inputs, and a crafted merge file saved as a regression shares
 * its rows with the project it is replayed against.
 */
async function withFixedIds<T>(fn: () => Promise<T>): Promise<T> {
  const real = crypto.randomUUID;
  let n = 0;
  crypto.randomUUID = () => {
    const h = createHash('sha256').update(`field-coder fuzz fixture ${n++}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}` as `${string}-${string}-${string}-${string}-${string}`;
  };
  syncBuiltinESMExports();
  try {
    return await fn();
  } finally {
    crypto.randomUUID = real;
    syncBuiltinESMExports();
  }
}

export async function buildSamples(dir: string): Promise<Samples> {
  const m = await withFixedIds(() => memoProject(dir, 'fixture.fieldcoder'));
  const memoBody = seedLikeMemo(m);
  const template = JSON.stringify(exportTemplate(m.project));
  const qdpx = [(await exportQdpx(m.project)).bytes];
  const fixture = m.project.path;
  m.project.close();

  const plain = join(dir, 'crafting.fieldcoder');
  copyFileSync(fixture, plain);
  const db = new Database(plain);
  db.pragma('journal_mode = DELETE');
  db.close();

  const refi = join(SEEDS_DIR, '..', 'refi-qda');
  const sample = join(refi, 'sample-qc-demo.qdpx');
  if (existsSync(sample)) qdpx.push(new Uint8Array(readFileSync(sample)));
  const spec = join(refi, 'REFI-QDA-1-5.pdf');
  return {
    fixture,
    project: new Uint8Array(readFileSync(plain)),
    seeds: seedFiles().map((f) => readFileSync(f, 'utf8')),
    memoBody,
    template,
    csv: memoCsv(),
    bibtex: [BIBTEX, BIBLATEX],
    ris: RIS,
    csljson: CSLJSON,
    qdpx,
    ...(existsSync(spec) ? { realPdf: new Uint8Array(readFileSync(spec)) } : {}),
  };
}
