// Moving a project to and from other QDA tools (NVivo, ATLAS.ti, MAXQDA, QualCoder…) through
// REFI-QDA, with the report of what could not travel: the standard has no place for framework
// assessments, and pictures or audio from other tools have none here.
import { useState, type ChangeEvent } from 'react';
import type { RefiExportReport, RefiImportReport } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { downloadBase64 } from '../framework/download';

export function RefiPanel({ onImported }: { onImported(): void }) {
  const { busy, run } = useWork();
  const [exported, setExported] = useState<{ fileName: string; report: RefiExportReport } | null>(null);
  const [imported, setImported] = useState<RefiImportReport | null>(null);

  const exportQdpx = () =>
    run(async () => {
      const r = await api.call('exchange.exportQdpx', {});
      downloadBase64(r.fileName, r.base64, 'application/zip');
      setExported({ fileName: r.fileName, report: r.report });
    });

  function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      try {
        const { uploadId } = await api.upload(file);
        setImported(await api.call('exchange.importRefi', { uploadId }));
        onImported();
      } finally {
        input.value = '';
      }
    });
  }

  return (
    <section aria-labelledby="refi-heading" className="exchange-section">
      <h3 id="refi-heading">Other QDA tools (REFI-QDA)</h3>
      <p className="quiet">A .qdpx project or .qdc codebook moves documents, codes, coded passages and memos between tools.</p>
      <div className="actions">
        <Button disabled={busy} onClick={() => void exportQdpx()}>
          Export .qdpx
        </Button>
        <label>
          Import .qdpx or .qdc <input type="file" accept=".qdpx,.qdc" disabled={busy} onChange={importFile} />
        </label>
      </div>
      {exported && (
        <div role="status" className="report">
          <p>
            Exported {exported.fileName}:{' '}
            {Object.entries(exported.report.written)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ')}
            .
          </p>
          {exported.report.approximated.length > 0 && (
            <>
              <p>Carried in another form:</p>
              <ul>
                {exported.report.approximated.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </>
          )}
          {exported.report.omitted.length > 0 && (
            <>
              <p>Left out:</p>
              <ul>
                {exported.report.omitted.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {imported && (
        <div role="status" className="report">
          <p>
            Imported from {imported.fileName}:{' '}
            {Object.entries(imported.imported)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ')}
            {Object.values(imported.existing).some(Boolean) &&
              `; already here: ${Object.entries(imported.existing)
                .filter(([, n]) => n)
                .map(([k, n]) => `${n} ${k}`)
                .join(', ')}`}
            .
          </p>
          {imported.skipped.length > 0 && (
            <>
              <p>Not imported:</p>
              <ul>
                {imported.skipped.map((x) => (
                  <li key={x.what}>{`${x.count} × ${x.what}`}</li>
                ))}
              </ul>
            </>
          )}
          {imported.notes.length > 0 && (
            <ul>
              {imported.notes.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
