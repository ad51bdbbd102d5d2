// Importing a batch of files in groups of up to IMPORT_GROUP_FILES files or IMPORT_GROUP_BYTES
// bytes: each group is sent in one upload (one request, where the transport can) and imported in
// one call, one transaction (a commit is a sync to disk, and one per file was most of an import's
// time; a request per file was most of the rest over HTTP). Progress names each file as it joins
// its group. Cancel stops taking files: the group under way is still sent and imported, the rest
// skipped. Every file gets an outcome, in the order picked. A file the host cannot take never
// stops the batch: it becomes a refused outcome with the reason.
import type { DocumentKind, ImportOutcome } from '../../../electron/api/contract';
import { IMPORT_GROUP_BYTES, IMPORT_GROUP_FILES, MAX_UPLOAD_BYTES } from './labels';

export interface ImportSteps {
  /** Sends a group of files: for each, its upload id or why it was not taken. */
  upload(files: File[]): Promise<({ uploadId: string } | Error)[]>;
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
  let group: number[] = [];
  let groupBytes = 0;

  const sendGroup = async (): Promise<void> => {
    if (!group.length) return;
    const taken = group;
    group = [];
    groupBytes = 0;
    let sent: ({ uploadId: string } | Error)[];
    try {
      sent = await steps.upload(taken.map((i) => files[i]!));
    } catch (err) {
      sent = taken.map(() => (err instanceof Error ? err : new Error(reason(err))));
    }
    const uploaded: { index: number; uploadId: string }[] = [];
    taken.forEach((index, k) => {
      const s = sent[k];
      if (s && !(s instanceof Error)) uploaded.push({ index, uploadId: s.uploadId });
      else outcomes[index] = refused(files[index]!.name, s ? reason(s) : 'Field Coder did not answer for this file.');
    });
    if (!uploaded.length) return;
    try {
      const answers = await steps.importUploads(
        uploaded.map((u) => u.uploadId),
        kind,
      );
      uploaded.forEach((u, k) => {
        const file = files[u.index]!;
        const outcome = answers[k] ?? refused(file.name, 'Field Coder did not answer for this file.');
        // The host names the file as it received it; keep the name the person picked.
        outcomes[u.index] = { ...outcome, fileName: outcome.fileName || file.name };
      });
    } catch (err) {
      for (const u of uploaded) outcomes[u.index] = refused(files[u.index]!.name, reason(err));
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
    // A file that would take the group past its bytes starts the next one: one request never
    // holds more than a group's bytes, or one file (up to the upload limit) alone.
    if (group.length && groupBytes + file.size > IMPORT_GROUP_BYTES) await sendGroup();
    group.push(i);
    groupBytes += file.size;
    if (group.length >= IMPORT_GROUP_FILES || groupBytes >= IMPORT_GROUP_BYTES) await sendGroup();
  }
  await sendGroup();
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
