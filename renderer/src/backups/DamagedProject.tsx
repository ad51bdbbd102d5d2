// Shown in the projects list when a project's file turned out to be damaged on opening. The host
// never writes to a damaged file; the way back is a backup put in its place, and the damaged
// bytes are set aside first, so nothing is lost by trying.
import { useEffect, useId, useState } from 'react';
import type { BackupEntry, ProjectEntry, ProjectSummary } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { backupDate, backupFolder, backupReason } from './wording';
import './backups.css';

interface Props {
  entry: ProjectEntry;
  /** The host's own words on what is wrong, for anyone who needs the detail. */
  message: string;
  onOpened(project: ProjectSummary): void;
}

export function DamagedProject({ entry, message, onOpened }: Props) {
  const { run } = useWork();
  const id = useId();
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const list = await api.call('backups.list', { handle: entry.handle });
      if (current) setBackups(list);
    });
    return () => {
      current = false;
    };
  }, [run, entry.handle]);

  const newest = backups?.[0];
  const restore = () => run(async () => onOpened(await api.call('backups.restore', { handle: entry.handle, file: 'latest' })));
  const openCopy = () => run(async () => onOpened(await api.call('project.salvage', { handle: entry.handle })));

  return (
    <section className="damaged-project" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>“{entry.name}” could not be opened</h4>
      <div role="alert">
        <p>This file is damaged. Field Coder did not change it.</p>
        <p className="quiet">{message}</p>
      </div>
      {backups === null && <p className="quiet">Looking for backups…</p>}
      {newest && (
        <>
          <p>
            The newest backup can take its place. The damaged file is kept aside first, in the folder “{backupFolder(entry.fileName)}”
            beside it.
          </p>
          <Button onClick={() => void restore()}>
            Restore the newest backup ({backupDate(newest.createdAt)}, {backupReason(newest.reason)})
          </Button>
        </>
      )}
      {backups?.length === 0 && (
        <p>
          There is no backup of this project. To see what is damaged, run <code>{`field-coder check "${entry.fileName}"`}</code> in a
          terminal, in the folder that holds the file.
        </p>
      )}
      {backups !== null && (
        <>
          <p>
            {newest ? 'Or, if the backup is older than work you need, open' : 'You can also open'} a copy of the damaged file: Field Coder
            copies it beside the original and opens the copy only if it passes every other check. Something in it may still differ from what
            was saved.
          </p>
          <Button onClick={() => void openCopy()}>Open a copy anyway</Button>
        </>
      )}
    </section>
  );
}
