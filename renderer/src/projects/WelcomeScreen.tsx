// What a person sees with no project open: what Field Coder is for, and how to start.
import type { AppInfo, ProjectSummary } from '../../../electron/api/contract';
import { ProjectControls } from './ProjectControls';

interface Props {
  info: AppInfo;
  onOpened(project: ProjectSummary): void;
}

export function WelcomeScreen({ info, onOpened }: Props) {
  return (
    <div className="welcome">
      <h2>Welcome to Field Coder</h2>
      <p>
        No project is open. A project holds your documents, codes, framework assessments, references and memos in one file that works
        offline. Create a new project, or open one you already have.
      </p>
      <ProjectControls info={info} project={null} onOpened={onOpened} onClosed={() => undefined} />
    </div>
  );
}
