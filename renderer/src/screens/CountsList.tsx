// How much a project holds, in the words a researcher uses.
import type { ProjectCounts } from '../../../electron/api/contract';

const LABELS: [keyof ProjectCounts, string][] = [
  ['documents', 'Documents'],
  ['codes', 'Codes'],
  ['excerpts', 'Excerpts'],
  ['assessments', 'Assessments'],
  ['references', 'References'],
  ['memos', 'Memos'],
];

export function CountsList({ counts }: { counts: ProjectCounts }) {
  return (
    <dl className="counts">
      {LABELS.map(([key, label]) => (
        <div key={key} className="count">
          <dt>{label}</dt>
          <dd>{counts[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
