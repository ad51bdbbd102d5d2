// Importing a batch of files: one after another (upload, then import), so a person sees where
// the batch is, can stop it after the current file, and gets an outcome for every file. A file
// the host cannot take never stops the batch: it becomes a refused outcome with the reason.
import type { DocumentKind, ImportOutcome } from '../../../electron/api/contract';
import { MAX_UPLOAD_BYTES } from './labels';

export interface ImportSteps {
  upload(file: File): Promise<{ uploadId: string }>;
  importUpload(uploadId: string, kind: DocumentKind): Promise<ImportOutcome>;
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
  const outcomes: ImportOutcome[] = [];
  for (let i = 0; i < files.length; i++) {
    if (cancelled()) return { outcomes, skipped: files.length - i };
    const file = files[i]!;
    onProgress({ index: i + 1, total: files.length, fileName: file.name });
    if (file.size > MAX_UPLOAD_BYTES) {
      outcomes.push(refused(file.name, `The file is larger than ${MAX_UPLOAD_BYTES / MB} MB, the most Field Coder imports at once.`));
      continue;
    }
    try {
      const { uploadId } = await steps.upload(file);
      const outcome = await steps.importUpload(uploadId, kind);
      // The host names the file as it received it; keep the name the person picked.
      outcomes.push({ ...outcome, fileName: outcome.fileName || file.name });
    } catch (err) {
      outcomes.push(refused(file.name, reason(err)));
    }
  }
  return { outcomes, skipped: 0 };
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
