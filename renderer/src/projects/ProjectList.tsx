// The projects the app knows: its own library folder and files opened from elsewhere.
import type { ProjectEntry } from '../../../electron/api/contract';
import { Button } from '../app/Button';
import { formatModified } from './format-modified';

interface Props {
  entries: ProjectEntry[] | null;
  onOpen(entry: ProjectEntry): void;
}

export function ProjectList({ entries, onOpen }: Props) {
  if (entries === null) return <p className="quiet">Loading projects…</p>;
  if (entries.length === 0) return <p className="quiet">No projects yet. Create one below.</p>;
  return (
    <ul className="project-list">
      {entries.map((entry) => (
        <li key={entry.handle} className="project-entry">
          <div className="project-entry-text">
            <span className="project-entry-name">{entry.name}</span>
            <span className="project-entry-meta">
              <span className="tag">{entry.location}</span>
              {entry.isOpen && <span className="tag tag-open">open</span>}
              <span>
                modified <time dateTime={entry.modified}>{formatModified(entry.modified)}</time>
              </span>
            </span>
          </div>
          <Button aria-label={`Open ${entry.name}`} disabled={entry.isOpen} onClick={() => onOpen(entry)}>
            Open
          </Button>
        </li>
      ))}
    </ul>
  );
}
