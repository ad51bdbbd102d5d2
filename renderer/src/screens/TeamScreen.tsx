// Team: what the project file holds, a check of its integrity, and a clean copy to pass on with
// the fingerprint colleagues compare it by. Merging coders' work comes later.
import { useEffect, useState } from 'react';
import type { CheckReport, ProjectSummary } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { BackupsSection } from '../backups/BackupsSection';
import { downloadBase64 } from '../framework/download';
import { CodeReports } from '../reports/CodeReports';
import { CountsList } from './CountsList';

export function TeamScreen({ project, onProjectChanged }: { project: ProjectSummary; onProjectChanged(): void }) {
  const { run } = useWork();
  const [report, setReport] = useState<CheckReport | null>(null);
  // After a restore the fingerprint and reports describe other content: counting restores remounts them.
  const [restores, setRestores] = useState(0);

  const check = () => run(async () => setReport(await api.call('project.check', {})));

  return (
    <div>
      <h2>Team</h2>
      <p>
        What this project file holds, how its coders agree, and a copy to send. To bring a colleague’s copy into this one, use Exchange.
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
      <BackupsSection
        project={project}
        onRestored={() => {
          setRestores((n) => n + 1);
          onProjectChanged();
        }}
      />
      <ShareCopy key={`share-${restores}`} />
      <CodeReports key={`reports-${restores}`} />
    </div>
  );
}

function ShareCopy() {
  const { run } = useWork();
  const [short, setShort] = useState<string | null>(null);
  // Real names stay behind unless the person says otherwise.
  const [withoutIdentities, setWithoutIdentities] = useState(true);
  const [shared, setShared] = useState<{ fileName: string; kb: number; removed: string[] } | null>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const fp = await api.call('project.fingerprint', {});
      if (current) setShort(fp.short);
    });
    return () => {
      current = false;
    };
  }, [run]);

  const share = () =>
    run(async () => {
      const copy = await api.call('project.shareCopy', { withoutIdentities });
      downloadBase64(copy.fileName, copy.base64, 'application/x-field-coder');
      setShared({ fileName: copy.fileName, kb: Math.max(1, Math.round(copy.bytes / 1024)), removed: copy.removed });
    });

  return (
    <section aria-labelledby="project-share-heading">
      <h3 id="project-share-heading">Share a copy</h3>
      <p>
        Project fingerprint: <strong>{short ?? '…'}</strong> — equal for copies with the same content
      </p>
      <p className="quiet">Read it to a colleague: if their copy shows the same, you hold the same work.</p>
      <label>
        <input type="checkbox" checked={withoutIdentities} onChange={(e) => setWithoutIdentities(e.target.checked)} /> Leave out identities
        (real names and contacts)
      </label>{' '}
      <Button onClick={() => void share()}>Share a copy…</Button>
      <div role="status" className="status">
        {shared && (
          <p>
            Downloaded {shared.fileName} ({shared.kb} KB)
            {shared.removed.includes('identities') ? ', without identities' : ', with identities'}.
          </p>
        )}
      </div>
    </section>
  );
}
