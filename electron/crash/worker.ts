// The crash harness's child: works on a project as a person would (imports, codes, memo edits,
// merges, opening an older file that needs migrating) as fast as it can, and reports each
// change on stdout only after its transaction has committed. The parent kills it with SIGKILL
// at a random moment and checks that everything reported is in the file.
//   node --import tsx electron/crash/worker.ts PROJECT THEIRS OLD_FILE SEED
import { copyFileSync } from 'node:fs';
import { createCode } from '../coding/codes-service.js';
import { createExcerpt } from '../coding/excerpts-service.js';
import { importPastedText } from '../documents/document-service.js';
import { mergeProject } from '../exchange/merge/merge.js';
import { createMemo, saveMemo } from '../memos/memo-service.js';
import { openProject } from '../project/open-project.js';
import { CRASH_AUTHOR } from './author.js';

const [path, theirs, oldFile, seedArg] = process.argv.slice(2) as [string, string, string, string];
let seed = Number(seedArg) || 1;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const say = (...parts: string[]) => process.stdout.write(`${parts.join('\t')}\n`);

const { project } = await openProject(path, CRASH_AUTHOR);
// Checkpoints (sealed ahead, or past twice the size unsealed: project.ts) every few changes
// instead of every 64 MB, so that kills land in them and in the digests taken for them; the seal
// written again after an unsealed one, and the pause before a digest is taken, scaled down alike
// (3 s and 250 ms for 64 MB).
project.checkpointWalBytes = 256 * 1024;
project.resealDelayMs = 20;
project.sealAheadPauseMs = 5;
say('ready');
const memo = createMemo(project, `Memo ${seed}`, '');
say('memo', memo.id, '');
for (let i = 0; ; i++) {
  // Between changes the event loop runs, as it does between a person's requests in the app (the
  // digests for the seal are answered there), and now and then the work pauses, as a person does.
  await new Promise((resolve) => (rand() < 0.1 ? setTimeout(resolve, 100) : setImmediate(resolve)));
  const r = rand();
  if (r < 0.3) {
    const doc = importPastedText(project, `Interview ${seed}-${i}`, `Transcript ${i}: `.repeat(200), 'interview').document!;
    say('document', doc.id);
    const ex = createExcerpt(project, { documentId: doc.id, start: 0, end: 10, codeIds: [] });
    say('excerpt', ex.id);
  } else if (r < 0.5) {
    say('code', createCode(project, { name: `code ${seed}-${i}` }).id);
  } else if (r < 0.85) {
    const body = `Draft ${i} of the argument. `.repeat(1 + (i % 50));
    say('trying', memo.id, String(i));
    saveMemo(project, memo.id, { body });
    say('memo', memo.id, String(i));
  } else if (r < 0.95) {
    await mergeProject(project, theirs);
    say('merged');
  } else {
    // An older project file opened (and so migrated) in place of a copy.
    const copy = `${oldFile}.${seedArg}-${i}.fieldcoder`;
    copyFileSync(oldFile, copy);
    say('migrating', copy);
    const { project: migrated } = await openProject(copy, CRASH_AUTHOR);
    migrated.close();
    say('migrated', copy);
  }
}
