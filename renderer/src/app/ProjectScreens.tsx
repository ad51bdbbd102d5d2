// Which screen the main area shows for the open project.
import type { ProjectSummary } from '../../../electron/api/contract';
import { FrameworkScreen } from '../framework/FrameworkScreen';
import { PlaceholderScreen } from '../screens/PlaceholderScreen';
import { TeamScreen } from '../screens/TeamScreen';
import type { ViewId } from './views';

interface Props {
  view: ViewId;
  project: ProjectSummary;
  onProjectChanged(): void;
}

export function ProjectScreens({ view, project, onProjectChanged }: Props) {
  switch (view) {
    case 'framework':
      return <FrameworkScreen onProjectChanged={onProjectChanged} />;
    case 'team':
      return <TeamScreen project={project} />;
    default:
      return <PlaceholderScreen view={view} />;
  }
}
