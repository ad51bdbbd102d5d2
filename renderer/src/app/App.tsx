// The app shell: asks the host what it is and which project is open, then shows either the
// welcome screen or the open project's screens, with the header, navigation and alert around them.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, ProjectSummary } from '../../../electron/api/contract';
import { api } from '../api/client';
import { ProjectControls } from '../projects/ProjectControls';
import { ProjectsPanel } from '../projects/ProjectsPanel';
import { WelcomeScreen } from '../projects/WelcomeScreen';
import { newRequest, type SearchRequest } from '../search/request';
import { SearchBox } from '../search/SearchBox';
import { AppHeader } from './AppHeader';
import { Button } from './Button';
import { MainNav } from './MainNav';
import { navItemOf, type Place } from './navigation';
import { ProblemAlert } from './ProblemAlert';
import { ProjectScreens } from './ProjectScreens';
import { MAIN_ID, SkipLink } from './SkipLink';
import { useSearch } from './search-state';
import { FIRST_VIEW } from './views';
import { useWork, WorkProvider } from './work';

export function App() {
  return (
    <WorkProvider>
      <Shell />
    </WorkProvider>
  );
}

type Boot = 'loading' | 'ready' | 'failed';

/** What opening a project found that its user must know: an upgrade (and where the untouched original went), a salvaged copy, a change lost to a crash, a risky folder. */
function upgradeNotice(project: ProjectSummary | null): string {
  const upgraded = project?.backupFileName
    ? `“${project.name}” was upgraded for this version of Field Coder. The original file was kept as ${project.backupFileName}.`
    : '';
  const salvaged = project?.salvagedFrom
    ? `This is ${project.fileName}, a copy of ${project.salvagedFrom}, which was refused as damaged; the copy passed every other check, but something in it may differ from what was saved. Look over your most recent work.`
    : '';
  const unkept = project?.unkeptChange
    ? `Field Coder stopped last time (it was forced to quit, or the computer lost power) while it was saving a change to “${project.name}”. That change could not be read back and is not in the project; everything saved before it is. Look over your most recent work.`
    : '';
  // Where the file is kept can put it at risk: say so whenever it is opened.
  return [upgraded, salvaged, unkept, project?.locationWarning ?? ''].filter(Boolean).join(' ');
}

function Shell() {
  const { run } = useWork();
  const [boot, setBoot] = useState<Boot>('loading');
  const [attempt, setAttempt] = useState(0);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [project, setProject] = useState<ProjectSummary | null>(null);
  const [notice, setNotice] = useState('');
  const [place, setPlace] = useState<Place>({ screen: FIRST_VIEW });
  const { search, runSearch, clearSearch } = useSearch();
  const [panelOpen, setPanelOpen] = useState(false);
  const projectsButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const [appInfo, summary] = await Promise.all([api.call('app.info', {}), api.call('project.current', {})]);
      if (!current) return;
      setInfo(appInfo);
      setProject(summary);
      setNotice(upgradeNotice(summary));
    }).then((ok) => {
      if (current) setBoot(ok ? 'ready' : 'failed');
    });
    return () => {
      current = false;
    };
  }, [run, attempt]);

  const closePanel = useCallback((returnFocus: boolean) => {
    setPanelOpen(false);
    if (returnFocus) projectsButton.current?.focus();
  }, []);

  const opened = useCallback(
    (summary: ProjectSummary) => {
      setProject(summary);
      setPlace({ screen: FIRST_VIEW });
      clearSearch();
      setNotice(upgradeNotice(summary));
      if (panelOpen) closePanel(true);
      else document.getElementById(MAIN_ID)?.focus();
    },
    [panelOpen, closePanel, clearSearch],
  );

  const closed = useCallback(() => {
    setProject(null);
    setNotice('');
    setPlace({ screen: FIRST_VIEW });
    clearSearch();
    closePanel(true);
  }, [closePanel, clearSearch]);

  const navigate = useCallback((next: Place) => {
    setPlace(next);
    // Leaving the reader or a screen: start at the new screen, not wherever focus was.
    if (next.screen !== 'reader' && next.screen !== 'search') document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
  }, []);

  const searchFor = useCallback(
    (request: SearchRequest) => {
      setPlace({ screen: 'search' });
      runSearch(request);
    },
    [runSearch],
  );

  const refreshProject = useCallback(() => {
    void run(async () => setProject(await api.call('project.current', {})));
  }, [run]);

  return (
    <>
      <SkipLink />
      <div className="header-area">
        <AppHeader
          info={info}
          project={project}
          panelOpen={panelOpen}
          projectsButton={projectsButton}
          onTogglePanel={() => (panelOpen ? closePanel(true) : setPanelOpen(true))}
          search={project && <SearchBox query={search?.request.q ?? ''} onSearch={(q) => searchFor(newRequest(q, search?.request))} />}
        />
        {panelOpen && info && (
          <ProjectsPanel opener={projectsButton} onClose={closePanel}>
            <ProjectControls info={info} project={project} onOpened={opened} onClosed={closed} />
          </ProjectsPanel>
        )}
      </div>
      {/* While the Projects panel is open the alert shows inside it, where it cannot be covered. */}
      {!panelOpen && <ProblemAlert />}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className={project ? 'layout with-nav' : 'layout'}>
        {project && <MainNav current={navItemOf(place)} onSelect={(view) => navigate({ screen: view })} />}
        <main id={MAIN_ID} tabIndex={-1} className="main">
          {boot === 'loading' && <p className="quiet">Starting Field Coder…</p>}
          {boot === 'failed' && (
            <div>
              <h2>Field Coder could not start</h2>
              <p>The message above says why. When that is sorted out, try again.</p>
              <Button
                onClick={() => {
                  setBoot('loading');
                  setAttempt((n) => n + 1);
                }}
              >
                Try again
              </Button>
            </div>
          )}
          {boot === 'ready' && info && !project && <WelcomeScreen info={info} onOpened={opened} />}
          {boot === 'ready' && project && (
            <ProjectScreens
              key={project.handle}
              place={place}
              project={project}
              search={search}
              onNavigate={navigate}
              onSearchChange={runSearch}
              onProjectChanged={refreshProject}
            />
          )}
        </main>
      </div>
    </>
  );
}
