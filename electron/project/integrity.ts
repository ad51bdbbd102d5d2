// What PRAGMA integrity_check of a project file found, in words, wherever it ran: on the
// opening connection (open-project.ts) or in a worker while a merge reads the file
// (integrity-worker.ts).
import { AppError } from '../core/errors.js';

/** The check's rows, or the error the check itself raised. */
export type IntegrityOutcome = { rows: string[]; error?: undefined } | { error: string; rows?: undefined };

/**
 * Null for a sound file. An error from the check itself (e.g. a search index's damaged config)
 * is damage too.
 */
export function integrityVerdict(o: IntegrityOutcome): AppError | null {
  if (o.error !== undefined) {
    return new AppError(
      'corrupt',
      `This project file is damaged (integrity check: ${o.error}). Field Coder did not change it; restore a backup.`,
    );
  }
  if (o.rows.length === 1 && o.rows[0] === 'ok') return null;
  return new AppError(
    'corrupt',
    `This project file is damaged (integrity check: ${o.rows[0] ?? 'no answer'}). Field Coder did not change it; restore a backup.`,
  );
}
