// Creating, opening, copying and closing projects. The Projects panel and the welcome screen
// show the same controls, so a person without an open project can start at once.
import { useCallback, useEffect, useId, useState } from 'react';
import type { AppInfo, ProjectEntry, ProjectSummary } from '../../../electron/api/contract';
import { api, ApiError } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { DamagedProject } from '../backups/DamagedProject';
import { NamedActionForm } from './NamedActionForm';
import { ProjectList } from './ProjectList';

interface Props {
  info: AppInfo;
  project: ProjectSummary | null;
  /** A project was created or opened: it is now the open one. */
  onOpened(project: ProjectSummary): void;
  onClosed(): void;
}

export function ProjectControls({ info, project, onOpened, onClosed }: Props) {
  const { run } = useWork();
  const [entries, setEntries] = useState<ProjectEntry[] | null>(null);
  const [status, setStatus] = useState('');
  const [damaged, setDamaged] = useState<{ entry: ProjectEntry; message: string } | null>(null);
  const listHeading = useId();

  const reloadList = useCallback(() => run(async () => setEntries(await api.call('projects.list', {}))), [run]);

  // The list marks the open project, so it is re-read whenever that changes.
  const openHandle = project?.handle ?? null;
  useEffect(() => {
    void reloadList();
  }, [reloadList, openHandle]);

  const open = (entry: ProjectEntry) =>
    run(async () => {
      setDamaged(null);
      try {
        onOpened(await api.call('project.open', { handle: entry.handle }));
      } catch (err) {
        // A damaged file gets its own explanation and a way back, shown with the list.
        if (!(err instanceof ApiError && err.code === 'corrupt')) throw err;
        setDamaged({ entry, message: err.message });
      }
    });
  const create = (name: string) => run(async () => onOpened(await api.call('project.create', { name })));
  const saveCopy = (name: string) =>
    run(async () => {
      const copy = await api.call('project.saveCopy', { name });
      setStatus(`Saved a copy as “${copy.name}” (${copy.fileName}).`);
      await reloadList();
    });
  const close = () =>
    run(async () => {
      await api.call('project.close', {});
      onClosed();
    });
  const createWithDialog = () => run(async () => onOpened(await api.call('project.createDialog', {})));
  const openWithDialog = () => run(async () => onOpened(await api.call('project.openDialog', {})));
  const saveCopyWithDialog = () =>
    run(async () => {
      const saved = await api.call('project.saveCopyDialog', {});
      setStatus(`Saved a copy as ${saved.fileName}.`);
    });

  return (
    <div className="project-controls">
      <section aria-labelledby={listHeading}>
        <h3 id={listHeading}>Your projects</h3>
        <ProjectList entries={entries} onOpen={(entry) => void open(entry)} />
        {damaged && <DamagedProject key={damaged.entry.handle} {...damaged} onOpened={onOpened} />}
      </section>

      <section className="project-actions" aria-label="Project actions">
        <NamedActionForm label="New project name" action="Create project" onSubmit={create} />
        {project && <NamedActionForm label="Copy name" action="Save a copy" onSubmit={saveCopy} />}
        {(info.dialogs || project) && (
          <div className="button-row">
            {info.dialogs && (
              <>
                <Button onClick={() => void createWithDialog()}>New…</Button>
                <Button onClick={() => void openWithDialog()}>Open…</Button>
                {project && <Button onClick={() => void saveCopyWithDialog()}>Save a copy…</Button>}
              </>
            )}
            {project && <Button onClick={() => void close()}>Close project</Button>}
          </div>
        )}
        <p role="status" className="status">
          {status}
        </p>
      </section>
    </div>
  );
}
