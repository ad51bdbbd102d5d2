// Merging a file the user handed to the app (dropped, chosen, uploaded to the browser host):
// its bytes go to a private temp file, which is merged and removed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Project } from '../../project/project.js';
import { mergeProject, type MergeOptions, type MergeReport } from './merge.js';

export async function mergeBytes(project: Project, bytes: Uint8Array, opts: MergeOptions): Promise<MergeReport> {
  const dir = mkdtempSync(join(tmpdir(), 'field-coder-theirs-'));
  try {
    const path = join(dir, 'theirs.fieldcoder');
    writeFileSync(path, bytes, { mode: 0o600 });
    return await mergeProject(project, path, opts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
