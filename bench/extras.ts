// What the generator adds to a project besides documents and excerpts: coders, references (through
// the import service), assessments (through writeAssessment), and memos citing references and
// interviews. M and L get them at generation; S gets them after its peer workload.
import { writeAssessment } from '../electron/coding/assessments-service.js';
import { getFramework } from '../electron/framework/framework-service.js';
import { createMemo } from '../electron/memos/memo-service.js';
import { interviewIdKey } from '../electron/memos/render/citables.js';
import type { Author, Project } from '../electron/project/project.js';
import { commitImport } from '../electron/references/reference-service.js';
import { buildVocabulary, personName, placeName, sentence, title, type Vocabulary } from './prose.js';
import { rng, type Rng } from './rng.js';
import { CORPUS_DIR, MEMO_200, SEEDS_DIR } from './sizes.js';

const hex16 = (r: Rng): string => r.uuid().replace(/-/g, '').slice(0, 16);

export function benchAuthor(r: Rng, name = 'Bench generator'): Author {
  return { deviceId: hex16(r), coderId: r.uuid(), coderName: name };
}

export function addCoders(project: Project, r: Rng, n: number): { id: string; name: string }[] {
  const coders = Array.from({ length: n }, (_, i) => {
    const p = personName(r);
    return { id: r.uuid(), name: `${p.given} ${p.family} (coder ${i + 1})` };
  });
  project.write((stamp) => {
    const ins = project.db.prepare('INSERT INTO coders(id, name, initials, stamp, coder_id) VALUES (?, ?, ?, ?, ?)');
    for (const c of coders) ins.run(c.id, c.name, c.name.slice(0, 2), stamp(), project.coderId);
  });
  return coders;
}

/** References through the import service (CSL-JSON, one transaction); answers their keys. */
export function addReferences(project: Project, r: Rng, v: Vocabulary, n: number): string[] {
  const types = ['article-journal', 'article-journal', 'book', 'chapter', 'report', 'thesis'];
  const items = Array.from({ length: n }, () => {
    const type = r.pick(types);
    const author = Array.from({ length: r.int(1, 4) }, () => personName(r));
    return {
      type,
      title: title(v, r),
      author,
      issued: { 'date-parts': [[r.int(1985, 2024)]] },
      ...(type === 'article-journal'
        ? { 'container-title': title(v, r, 2, 5), volume: String(r.int(1, 60)), page: `${r.int(1, 300)}–${r.int(301, 340)}` }
        : {}),
      ...(type === 'book' || type === 'report' ? { publisher: title(v, r, 1, 3), 'publisher-place': placeName(r).name } : {}),
      ...(type === 'article-journal' && r.chance(0.6) ? { DOI: `10.${r.int(1000, 9999)}/${r.uuid().slice(0, 13)}` } : {}),
    };
  });
  commitImport(project, 'library.json', JSON.stringify(items), {});
  return (project.db.prepare('SELECT citation_key AS k FROM refs WHERE deleted = 0 ORDER BY rid').all() as { k: string }[]).map((x) => x.k);
}

/** Every in-matrix unit × period × dimension, judged by each coder; most coders agree. */
export function addAssessments(
  project: Project,
  r: Rng,
  v: Vocabulary,
  coders: { id: string }[],
  excerptIds: string[],
  limit: number,
): number {
  const fw = getFramework(project);
  const refIds = (project.db.prepare('SELECT id FROM refs WHERE deleted = 0').all() as { id: string }[]).map((x) => x.id);
  let n = 0;
  project.write((stamp) => {
    for (const u of fw.units.filter((x) => x.inMatrix))
      for (const p of fw.periods)
        for (const d of fw.dimensions) {
          const truth = r.pick(d.levels).id;
          for (const c of coders) {
            if (n >= limit) return;
            const evidence = [];
            if (excerptIds.length && r.chance(0.3)) evidence.push({ excerptId: r.pick(excerptIds) });
            if (refIds.length && r.chance(0.1)) evidence.push({ referenceId: r.pick(refIds), locator: `p. ${r.int(1, 300)}` });
            writeAssessment(
              project,
              {
                unitId: u.id,
                periodId: p.id,
                dimensionId: d.id,
                levelId: r.chance(0.8) ? truth : r.pick(d.levels).id,
                assessorId: c.id,
                confidence: r.pick(['high', 'medium', 'low']),
                rationale: r.chance(0.5) ? sentence(v, r).text : '',
                evidence,
              },
              stamp,
            );
            n++;
          }
        }
  });
  return n;
}

/** Markdown memos with Pandoc citations of references and interviews; the first has exactly 200. */
export function addMemos(project: Project, r: Rng, v: Vocabulary, n: number, refKeys: string[]): number {
  const interviews = (
    project.db.prepare("SELECT id FROM documents WHERE kind = 'interview' AND deleted = 0").all() as { id: string }[]
  ).map((d) => interviewIdKey(d.id));
  const cite = (): string =>
    interviews.length && (r.chance(0.3) || !refKeys.length) ? `[@${r.pick(interviews)}]` : `[@${r.pick(refKeys)}, p. ${r.int(1, 320)}]`;
  const body = (citations: number, words: number): string => {
    const out: string[] = [];
    let cited = 0;
    let written = 0;
    while (cited < citations || written < words) {
      out.push(`## ${title(v, r, 2, 6)}`);
      for (let p = r.int(2, 5); p > 0; p--) {
        const sentences: string[] = [];
        for (let s = r.int(2, 6); s > 0; s--) {
          const x = sentence(v, r);
          written += x.words;
          const withCite = cited < citations && r.chance(citations > 50 ? 0.9 : 0.3);
          if (withCite) cited++;
          sentences.push(withCite ? `${x.text.slice(0, -1)} ${cite()}${x.text.slice(-1)}` : x.text);
        }
        out.push(sentences.join(' '));
      }
    }
    return out.join('\n\n');
  };
  const db = project.db;
  db.transaction(() => {
    createMemo(project, MEMO_200, body(200, 0));
    for (let i = 1; i < n; i++) createMemo(project, title(v, r, 3, 8), body(r.int(5, 30), r.int(800, 2500)));
  })();
  return n;
}

export function openVocabulary(seed: number): Vocabulary {
  return buildVocabulary(rng(seed).fork('vocabulary'), [SEEDS_DIR, CORPUS_DIR]);
}
