// How a backup reads to a person: when, why in plain words, and how big.
const REASONS: Record<string, string> = {
  'pre-migration': 'before an upgrade',
  'pre-merge': 'before a merge',
  'pre-restore': 'before a restore',
  daily: 'daily',
};

/** Reasons the host may add later still read as something, if not as nicely. */
export function backupReason(reason: string): string {
  return REASONS[reason] ?? reason.replace(/-/g, ' ');
}

/** To the second: backups before a merge and a restore can be minutes, or moments, apart. */
export function backupDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function backupSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Backups live beside the project, in a folder named after it (see electron/project/backup.ts). */
export function backupFolder(fileName: string): string {
  return `${fileName.replace(/\.fieldcoder$/, '')}.backups`;
}
