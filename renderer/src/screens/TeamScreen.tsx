// Team: for now, what the project file holds and a check of its integrity, which is what a
// team needs before passing a copy on. Sharing and merging coders' work come later.
import { useState } from 'react';
import type { CheckReport, ProjectSummary } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { CodeReports } from '../reports/CodeReports';
import { CountsList } from './CountsList';

export function TeamScreen({ project }: { project: ProjectSummary }) {
  const { run } = useWork();
  const [report, setReport] = useState<CheckReport | null>(null);

  const check = () => run(async () => setReport(await api.call('project.check', {})));

  return (
    <div>
      <h2>Team</h2>
      <p>
        Team will show who coded what and bring together the work of several coders on copies of this project. That is not built yet; here
        is what this project file holds.
      </p>
      <section aria-labelledby="project-contents-heading">
        <h3 id="project-contents-heading">In “{project.name}”</h3>
        <p className="quiet">
          File {project.fileName}, schema version {project.schemaVersion}.
        </p>
        <CountsList counts={project.counts} />
      </section>
      <section aria-labelledby="project-check-heading">
        <h3 id="project-check-heading">Integrity</h3>
        <p>Checks the project file for damage before you copy it or hand it on.</p>
        <Button onClick={() => void check()}>Check project</Button>
        <div role="status" className="status">
          {report && (
            <p>
              Integrity: <strong>{report.integrity}</strong>. Schema version {report.schemaVersion}. {report.counts.documents} documents,{' '}
              {report.counts.codes} codes, {report.counts.excerpts} excerpts, {report.counts.assessments} assessments,{' '}
              {report.counts.references} references, {report.counts.memos} memos.
            </p>
          )}
        </div>
      </section>
      <CodeReports />
    </div>
  );
}
