// The top bar: the app, the open project, who is coding, and the way to switch projects.
import type { ReactNode, RefObject } from 'react';
import type { AppInfo, ProjectSummary } from '../../../electron/api/contract';
import { PROJECTS_PANEL_ID } from '../projects/ProjectsPanel';

interface Props {
  info: AppInfo | null;
  project: ProjectSummary | null;
  panelOpen: boolean;
  projectsButton: RefObject<HTMLButtonElement | null>;
  onTogglePanel(): void;
  /** The search box, while a project is open. */
  search?: ReactNode;
}

export function AppHeader({ info, project, panelOpen, projectsButton, onTogglePanel, search }: Props) {
  return (
    <header className="app-header">
      <h1 className="app-name">Field Coder</h1>
      <p className="open-project">
        {project ? (
          <>
            <span className="visually-hidden">Open project: </span>
            <span className="open-project-name">{project.name}</span>
          </>
        ) : (
          <span className="quiet">No project open</span>
        )}
      </p>
      {search}
      {info && info.coderName && <p className="coder quiet">Coding as {info.coderName}</p>}
      <button
        ref={projectsButton}
        type="button"
        className="button projects-button"
        aria-haspopup="dialog"
        aria-expanded={panelOpen}
        aria-controls={panelOpen ? PROJECTS_PANEL_ID : undefined}
        disabled={!info}
        onClick={onTogglePanel}
      >
        Projects
      </button>
    </header>
  );
}
