// The project's backups on the Team screen, newest first, each one restorable. Restoring replaces
// the whole project, so it asks first; the host keeps the current state as a backup before it
// does, which makes a restore something a person can take back.
import { useEffect, useId, useState } from 'react';
import type { BackupEntry, ProjectSummary } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { ProblemAlert } from '../app/ProblemAlert';
import { useWork } from '../app/work';
import { Dialog } from '../coding/Dialog';
import { backupDate, backupFolder, backupReason, backupSize } from './wording';

interface Props {
  project: ProjectSummary;
  /** The project's content was replaced: whatever shows it must be read again. */
  onRestored(): void;
}

export function BackupsSection({ project, onRestored }: Props) {
  const { run } = useWork();
  const id = useId();
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);
  const [status, setStatus] = useState('');
  // A restore adds a backup (the state it replaced), so the list is read again after one.
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    void run(async () => {
      // By handle, so a restore acts on the project this screen shows even if another window opened a different one.
      const list = await api.call('backups.list', { handle: project.handle });
      if (current) setBackups(list);
    });
    return () => {
      current = false;
    };
  }, [run, project.handle, reload]);

  const restore = (backup: BackupEntry) =>
    run(async () => {
      const restored = await api.call('backups.restore', { handle: project.handle, file: backup.file });
      setConfirming(null);
      setStatus(`Restored the backup of ${backupDate(backup.createdAt)}. The project as it was is kept as ${restored.keptAs}.`);
      setReload((n) => n + 1);
      onRestored();
    });

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Backups</h3>
      <p>
        Field Coder keeps checked copies of this project in the folder “{backupFolder(project.fileName)}” beside it: each day you work on
        it, and before upgrades, merges and restores. Older ones make way for the newest.
      </p>
      {backups === null && <p className="quiet">Looking for backups…</p>}
      {backups?.length === 0 && <p className="quiet">No backups yet. The first is made when you next open this project.</p>}
      {backups && backups.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby={`${id}-heading`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Why</th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.file}>
                  <td>
                    <time dateTime={b.createdAt}>{backupDate(b.createdAt)}</time>
                  </td>
                  <td>{backupReason(b.reason)}</td>
                  <td>{backupSize(b.bytes)}</td>
                  <td>
                    <Button
                      className="button small"
                      aria-label={`Restore the backup of ${backupDate(b.createdAt)}, ${backupReason(b.reason)}`}
                      onClick={() => setConfirming(b)}
                    >
                      Restore…
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div role="status" className="status">
        {status && <p>{status}</p>}
      </div>
      {confirming && (
        <Dialog label="Restore this backup?" onClose={() => setConfirming(null)}>
          <ProblemAlert />
          <p>
            “{project.name}” goes back to how it was on {backupDate(confirming.createdAt)} ({backupReason(confirming.reason)}). Work done
            since then leaves the project.
          </p>
          <p>
            Nothing is lost: the project as it is now is kept first, as a backup in the folder “{backupFolder(project.fileName)}”, and you
            can restore it from this list.
          </p>
          <div className="button-row">
            <Button onClick={() => void restore(confirming)}>Restore this backup</Button>
            <Button className="button subtle" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
