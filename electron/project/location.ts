// SQLite's locking is unreliable on network filesystems and sync services replace files under
// an open database, so a project kept there can be damaged or forked. We warn (the researcher
// may have no choice on a shared machine) rather than refuse; a second writer on the same file
// is refused anyway by the exclusive lock.
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';

const SYNCED = [
  'Dropbox',
  'OneDrive',
  'Google Drive',
  'GoogleDrive',
  'My Drive',
  'iCloud Drive',
  'Mobile Documents',
  'CloudStorage',
  'Nextcloud',
  'ownCloud',
  'pCloud',
  'Box Sync',
  'MEGA',
  'Sync',
  'Seafile',
  'SynologyDrive',
];
const NETWORK_FS = new Set(['nfs', 'nfs4', 'cifs', 'smbfs', 'smb3', 'fuse.sshfs', 'afs', '9p', 'fuse.rclone', 'davfs', 'fuse.davfs2']);

/** The filesystem type of the mount holding `path` (Linux only; null elsewhere). */
function mountType(path: string): string | null {
  let mounts: string;
  try {
    mounts = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return null;
  }
  let best: { point: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const p = point.replace(/\\040/g, ' ');
    if ((path === p || path.startsWith(p.endsWith(sep) ? p : p + sep)) && (!best || p.length > best.point.length))
      best = { point: p, type };
  }
  return best?.type ?? null;
}

export function locationWarning(path: string): string | null {
  const abs = resolve(path);
  if (abs.startsWith('\\\\'))
    return 'This project is on a network share. Copy it to this computer to work on it, and share copies instead.';
  const parts = abs.split(/[\\/]/);
  const service = SYNCED.find((s) => parts.some((p) => p === s || p.startsWith(`${s} `) || p.startsWith(`${s}-`)));
  if (service)
    return `This project is in a ${service} folder. Sync services can replace a project while it is open and damage it; keep the working file outside synced folders and share copies (Exchange, Share a copy).`;
  const type = mountType(abs);
  if (type && NETWORK_FS.has(type))
    return `This project is on a network drive (${type}), where file locking is unreliable. Copy it to this computer to work on it, and share copies instead.`;
  return null;
}
