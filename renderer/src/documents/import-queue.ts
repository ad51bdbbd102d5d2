// Importing a batch of files: uploaded one after another, so a person sees where the batch is,
// and imported in groups of up to IMPORT_GROUP_FILES files or IMPORT_GROUP_BYTES bytes, one
// transaction each (a commit is a sync to disk, and one per file was most of an import's time).
// Cancel stops after the current file: what is uploaded by then is imported, the rest skipped.
// Every file gets an outcome, in the order picked. A file the host cannot take never stops the
// batch: it becomes a refused outcome with the reason.
import type { DocumentKind, ImportOutcome } from '../../../electron/api/contract';
import { IMPORT_GROUP_BYTES, IMPORT_GROUP_FILES, MAX_UPLOAD_BYTES } from './labels';

export interface ImportSteps {
  upload(file: File): Promise<{ uploadId: string }>;
  /** Imports a group of uploads in one call: an outcome for each, in order. */
  importUploads(uploadIds: string[], kind: DocumentKind): Promise<ImportOutcome[]>;
}
export interface ImportProgress {
  /** 1-based position of the file under way. */
  index: number;
  total: number;
  fileName: string;
}

export interface BatchResult {
  outcomes: ImportOutcome[];
  /** Files not attempted because the batch was cancelled. */
  skipped: number;
}

const MB = 1024 * 1024;

function refused(fileName: string, message: string): ImportOutcome {
  return { fileName, status: 'refused', message };
}

function reason(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Field Coder could not import this file.';
}

export async function importBatch(
  files: readonly File[],
  kind: DocumentKind,
  steps: ImportSteps,
  onProgress: (progress: ImportProgress) => void,
  cancelled: () => boolean,
): Promise<BatchResult> {
  const outcomes: ImportOutcome[] = new Array<ImportOutcome>(files.length);
  let group: { index: number; uploadId: string }[] = [];
  let groupBytes = 0;

  const importGroup = async (): Promise<void> => {
    if (!group.length) return;
    const taken = group;
    group = [];
    groupBytes = 0;
    try {
      const answers = await steps.importUploads(
        taken.map((g) => g.uploadId),
        kind,
      );
      taken.forEach((g, k) => {
        const file = files[g.index]!;
        const outcome = answers[k] ?? refused(file.name, 'Field Coder did not answer for this file.');
        // The host names the file as it received it; keep the name the person picked.
        outcomes[g.index] = { ...outcome, fileName: outcome.fileName || file.name };
      });
    } catch (err) {
      for (const g of taken) outcomes[g.index] = refused(files[g.index]!.name, reason(err));
    }
  };

  let done = files.length;
  for (let i = 0; i < files.length; i++) {
    if (cancelled()) {
      done = i;
      break;
    }
    const file = files[i]!;
    onProgress({ index: i + 1, total: files.length, fileName: file.name });
    if (file.size > MAX_UPLOAD_BYTES) {
      outcomes[i] = refused(file.name, `The file is larger than ${MAX_UPLOAD_BYTES / MB} MB, the most Field Coder imports at once.`);
      continue;
    }
    try {
      const { uploadId } = await steps.upload(file);
      group.push({ index: i, uploadId });
      groupBytes += file.size;
    } catch (err) {
      outcomes[i] = refused(file.name, reason(err));
    }
    if (group.length >= IMPORT_GROUP_FILES || groupBytes >= IMPORT_GROUP_BYTES) await importGroup();
  }
  await importGroup();
  return { outcomes: outcomes.slice(0, done), skipped: files.length - done };
}

/** "3 imported, 1 refused", for the status line after a batch. */
export function summarise(result: BatchResult): string {
  const imported = result.outcomes.filter((o) => o.status === 'imported').length;
  const refusedCount = result.outcomes.length - imported;
  const parts = [`${imported} imported`];
  if (refusedCount > 0) parts.push(`${refusedCount} refused`);
  if (result.skipped > 0) parts.push(`${result.skipped} not imported (cancelled)`);
  return parts.join(', ') + '.';
}
