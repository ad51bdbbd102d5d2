// The seeded generator of the M and L projects. Generation takes fast paths — big transactions, batched inserts that follow
// the schema's conventions (UUID ids, clock stamps, coder_id, deleted = 0), the services where
// they batch well — because only the measured operations must go through the API. Projects are
// cached under bench/.cache/ by size, seed and generator version; --fresh rebuilds them.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCode } from '../electron/coding/codes-service.js';
import { codePointLength, countWords, normalizeImportedText } from '../electron/documents/normalize.js';
import { getFramework } from '../electron/framework/framework-service.js';
import { defaultTemplate, type FrameworkTemplate } from '../electron/framework/template.js';
import { createProject } from '../electron/project/open-project.js';
import type { Project } from '../electron/project/project.js';
import { addAssessments, addCoders, addMemos, addReferences, benchAuthor, openVocabulary } from './extras.js';
import { diaryText, finish, interviewText, personName, placeName, sentence } from './prose.js';
import { rng, zipf, type Rng } from './rng.js';
import { CACHE_DIR, LONG_TITLE, SIZES, type SizeName, type SizeSpec } from './sizes.js';

/** Bump when generated content changes, so stale caches are not measured as new ones. */
export const GENERATOR_VERSION = 1;

const ROLES = [
  'NGO team leader',
  'border guard',
  'customs officer',
  'schoolteacher',
  'journalist',
  'district official',
  'farmer',
  'bazaar trader',
  'police officer',
  'imam',
  'migrant worker',
  'UN official',
  'MIA officer',
  'lawyer',
];
const ORG_TYPES = ['NGO', 'government', 'international organisation', 'media', 'private sector', 'community', 'academia'];
const THEMES = [
  'trust in the police',
  'informal payments',
  'family networks',
  'labour migration',
  'remittances',
  'drug routes',
  'checkpoints',
  'land disputes',
  'water access',
  'religious practice',
  'local elections',
  'youth unemployment',
  'smuggling',
  'civil war memory',
  'women’s work',
  'schooling',
  'health care',
  'electricity cuts',
  'road building',
  'Chinese investment',
];

export interface Generated {
  path: string;
  size: SizeName;
  seed: number;
  seconds: number;
  counts: Record<string, number>;
  textBytes: number;
  /** False when this run generated it. */
  fromCache?: boolean;
}

/** The default framework with enough units in the matrix for `spec.assessments` judgements. */
function templateFor(spec: SizeSpec, r: Rng): FrameworkTemplate {
  const t = defaultTemplate();
  const cellsPerUnit = t.periods.length * t.dimensions.length * spec.coders;
  const wanted = Math.ceil(spec.assessments / cellsPerUnit);
  const have = t.units.filter((u) => u.inMatrix).length;
  const taken = new Set(t.units.map((u) => u.key));
  for (let i = 0; i < wanted - have; i++) {
    const p = placeName(r);
    const key = `gen-${i + 1}`;
    if (taken.has(key)) continue;
    taken.add(key);
    t.units.push({ key, name: p.name, kind: 'district', inMatrix: true, description: '', aliases: p.alias ? [p.alias] : [] });
  }
  return t;
}

interface DocMeta {
  kind: 'interview' | 'fieldnote';
  title: string;
  sourceName: string;
  pseudonym: string;
  role: string;
  orgType: string;
  date: string;
  place: string;
  interviewer: string;
  consent: string;
}

/** Builds the M or L project at `path` (which must not exist). */
export async function buildProject(size: SizeName, seed: number, path: string, log: (s: string) => void): Promise<Generated> {
  const t0 = performance.now();
  const spec = SIZES[size];
  const r = rng(`${size}:${seed}`);
  const v = openVocabulary(seed);
  const { project } = await createProject(path, benchAuthor(r.fork('author')), {
    name: `bench-${size}`,
    template: templateFor(spec, r.fork('units')),
  });
  const db = project.db;
  // Only for generation: the measured runs open the file with the app's own settings.
  db.pragma('synchronous = OFF');
  try {
    const coders = addCoders(project, r.fork('coders'), spec.coders);
    const refKeys = addReferences(project, r.fork('references'), v, spec.references);
    for (let i = 0; i < spec.extraCodes; i++) {
      createCode(project, { name: `${THEMES[i % THEMES.length]}${i >= THEMES.length ? ` ${Math.floor(i / THEMES.length) + 1}` : ''}` });
    }
    const codeIds = (db.prepare('SELECT id FROM codes WHERE deleted = 0 ORDER BY sort_order, name').all() as { id: string }[]).map(
      (c) => c.id,
    );
    const fw = getFramework(project);
    const places = fw.units.map((u) => u.name);

    // Excerpts per document: the diary gets 1%, the interviews share the rest at random.
    const docs = spec.interviews + (spec.longDocumentWords ? 1 : 0);
    const perDoc = new Int32Array(docs);
    const rd = r.fork('excerpt-docs');
    for (let i = 0; i < spec.excerpts; i++) {
      const d = spec.longDocumentWords && rd.chance(0.01) ? docs - 1 : Math.floor(rd.next() * spec.interviews);
      perDoc[d] = perDoc[d]! + 1;
    }
    const codeRank = zipf(codeIds.length, 0.9, 1.5);
    const rt = r.fork('texts');
    const rx = r.fork('excerpts');
    const evidencePool: string[] = [];
    let textBytes = 0;
    const insDoc = db.prepare(
      `INSERT INTO documents(id, kind, title, text, char_count, word_count, source_name, source_format, imported_at, pseudonym, role,
         org_type, interview_date, place, interviewer, consent, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'txt', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insEx = db.prepare(
      'INSERT INTO excerpts(id, document_id, start_offset, end_offset, text, note, stamp, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insCode = db.prepare('INSERT INTO excerpt_codes(id, excerpt_id, code_id, stamp, coder_id) VALUES (?, ?, ?, ?, ?)');
    const now = new Date().toISOString();
    const BATCH = 50;
    for (let first = 0; first < docs; first += BATCH) {
      project.write((stamp) => {
        for (let i = first; i < Math.min(docs, first + BATCH); i++) {
          const long = spec.longDocumentWords > 0 && i === docs - 1;
          const num = String(i + 1).padStart(4, '0');
          const role = rt.pick(ROLES);
          const place = rt.pick(places);
          const date = `${rt.int(2014, 2023)}-${String(rt.int(1, 12)).padStart(2, '0')}-${String(rt.int(1, 28)).padStart(2, '0')}`;
          const meta: DocMeta = long
            ? {
                kind: 'fieldnote',
                title: LONG_TITLE,
                sourceName: 'field-diary.txt',
                pseudonym: '',
                role: '',
                orgType: '',
                date: '',
                place: '',
                interviewer: '',
                consent: 'unknown',
              }
            : {
                kind: 'interview',
                title: `Interview ${num} — ${role}, ${place}`,
                sourceName: `interview_${num}.txt`,
                pseudonym: `${personName(rt).given} (R${i + 1})`,
                role,
                orgType: rt.pick(ORG_TYPES),
                date,
                place,
                interviewer: rt.pick(coders).name.replace(/ \(coder \d+\)$/, ''),
                consent: rt.pick(['given', 'oral', 'written']),
              };
          const words = long ? spec.longDocumentWords : Math.round(spec.wordsPerInterview * (0.9 + rt.next() * 0.2));
          const tb = long
            ? diaryText(v, rt, words)
            : interviewText(v, rt, words, `Interview with a ${role}, ${place}, ${date}. Pseudonym: ${meta.pseudonym}.`);
          const text = finish(tb);
          if (i === 0 && normalizeImportedText(text) !== text) throw new Error('generated text is not in the form an import stores');
          textBytes += Buffer.byteLength(text);
          const id = rx.uuid();
          insDoc.run(
            id,
            meta.kind,
            meta.title,
            text,
            codePointLength(text),
            countWords(text),
            meta.sourceName,
            now,
            meta.pseudonym,
            meta.role,
            meta.orgType,
            meta.date,
            meta.place,
            meta.interviewer,
            meta.consent,
            stamp(),
            project.coderId,
          );
          const sentences = tb.sentences.length / 2;
          for (let k = 0; k < perDoc[i]!; k++) {
            const s = Math.floor(rx.next() * sentences);
            const span = rx.chance(0.6) ? 1 : rx.chance(0.75) ? 2 : 3;
            const e = Math.min(sentences - 1, s + span - 1);
            const start = tb.sentences[2 * s]!;
            const end = tb.sentences[2 * e + 1]!;
            const exId = rx.uuid();
            const coder = rx.pick(coders).id;
            insEx.run(exId, id, start, end, text.slice(start, end), rx.chance(0.1) ? sentence(v, rx).text : '', stamp(), coder);
            const codes = new Set<string>();
            const want = rx.chance(0.7) ? 1 : rx.chance(0.8) ? 2 : 3;
            while (codes.size < want) codes.add(codeIds[codeRank(rx)]!);
            for (const c of codes) insCode.run(rx.uuid(), exId, c, stamp(), coder);
            if (rx.chance(0.05)) evidencePool.push(exId);
          }
        }
      });
      log(`  ${Math.min(docs, first + BATCH)}/${docs} documents`);
    }
    const assessments = addAssessments(project, r.fork('assessments'), v, coders, evidencePool, spec.assessments);
    addMemos(project, r.fork('memos'), v, spec.memos, refKeys);
    // A rollback-journal file can be read without leaving -wal and -shm beside the cache; the
    // app switches each working copy back to WAL when it opens it.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    const counts = countsOf(project);
    if (counts.assessments !== assessments) throw new Error('assessments were not all recorded');
    return { path, size, seed, seconds: (performance.now() - t0) / 1000, counts, textBytes };
  } finally {
    project.close();
  }
}

export function countsOf(project: Project): Record<string, number> {
  const n = (sql: string): number => (project.db.prepare(sql).get() as { n: number }).n;
  return {
    documents: n('SELECT count(*) AS n FROM documents WHERE deleted = 0'),
    words: n('SELECT coalesce(sum(word_count), 0) AS n FROM documents WHERE deleted = 0'),
    codes: n('SELECT count(*) AS n FROM codes WHERE deleted = 0'),
    excerpts: n('SELECT count(*) AS n FROM excerpts WHERE deleted = 0'),
    assessments: n('SELECT count(*) AS n FROM assessments WHERE deleted = 0'),
    coders: n('SELECT count(DISTINCT assessor_id) AS n FROM assessments WHERE deleted = 0'),
    references: n('SELECT count(*) AS n FROM refs WHERE deleted = 0'),
    memos: n('SELECT count(*) AS n FROM memos WHERE deleted = 0'),
  };
}

/** The cached project for this size and seed, generated first if needed (or if `fresh`). */
export async function cachedProject(size: SizeName, seed: number, fresh: boolean, log: (s: string) => void): Promise<Generated> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const base = join(CACHE_DIR, `${size}-seed${seed}-g${GENERATOR_VERSION}`);
  const file = `${base}.fieldcoder`;
  const info = `${base}.json`;
  if (!fresh && existsSync(file) && existsSync(info))
    return { ...(JSON.parse(readFileSync(info, 'utf8')) as Generated), path: file, fromCache: true };
  // The merge bench's diverged pair (measures.ts) is made from this file: it goes with it.
  for (const f of [file, info, `${base}.merge.json`, `${base}.merge.ours.fieldcoder`, `${base}.merge.theirs.fieldcoder`])
    rmSync(f, { force: true });
  const tmp = `${base}.${process.pid}.tmp.fieldcoder`;
  log(`generating ${size} (seed ${seed})…`);
  try {
    const g = await buildProject(size, seed, tmp, log);
    for (const ext of ['-wal', '-shm']) rmSync(`${tmp}${ext}`, { force: true });
    renameSync(tmp, file);
    const out = { ...g, path: file };
    writeFileSync(info, JSON.stringify(out, null, 2));
    log(`generated ${size} in ${g.seconds.toFixed(1)} s: ${JSON.stringify(g.counts)}`);
    return { ...out, fromCache: false };
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    throw e;
  }
}
