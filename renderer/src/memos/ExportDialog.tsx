// Export a memo as Markdown, Word, HTML or PDF in a citation style, with the project's
// redaction list applied: names and places to take out of every exported text. The report
// says what went in: citations, keys that matched nothing, what was redacted, and how.
import { useEffect, useId, useState } from 'react';
import type { ExportFormat, MemoExport } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { ProblemAlert } from '../app/ProblemAlert';
import { useWork } from '../app/work';
import { Dialog } from '../coding/Dialog';
import { downloadBase64 } from '../framework/download';
import { notSaved } from './useAutosave';
import type { MemoStyle } from './usePreview';

interface Props {
  memoId: string;
  style: MemoStyle;
  /** Saves what was typed last, so the export has it. */
  flush(): Promise<boolean>;
  onClose(): void;
}

const FORMATS: [ExportFormat, string][] = [
  ['docx', 'Word (.docx)'],
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['md', 'Markdown (with CSL-JSON bibliography)'],
];

const termsOf = (text: string) => [...new Set(text.split('\n').map((t) => t.trim()))].filter(Boolean);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const listed = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export function ExportDialog({ memoId, style: initialStyle, flush, onClose }: Props) {
  const id = useId();
  const { run } = useWork();
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [style, setStyle] = useState<MemoStyle>(initialStyle);
  const [terms, setTerms] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [result, setResult] = useState<MemoExport | null>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const list = (await api.call('memos.redactionList', {})).join('\n');
      if (!current) return;
      setTerms(list);
      setSaved(list);
    });
    return () => {
      current = false;
    };
  }, [run]);

  const exportMemo = () =>
    run(async () => {
      setResult(null);
      if (!(await flush())) throw notSaved();
      const list = termsOf(terms ?? '');
      if (terms !== null && list.join('\n') !== termsOf(saved).join('\n')) {
        const kept = await api.call('memos.setRedactionList', { terms: list });
        setSaved(kept.join('\n'));
      }
      const out = await api.call('memos.export', { id: memoId, format, style, ...(terms !== null ? { redact: list } : {}) });
      for (const f of out.files) downloadBase64(f.fileName, f.base64, f.mime);
      setResult(out);
    });

  return (
    <Dialog label="Export memo" onClose={onClose} className="memo-export">
      <ProblemAlert />
      <div className="form-row">
        <label>
          Format{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Citation style{' '}
          <select value={style} onChange={(e) => setStyle(e.target.value as MemoStyle)}>
            <option value="chicago">Chicago (notes)</option>
            <option value="apa">APA (author-date)</option>
          </select>
        </label>
      </div>
      <label className="block-label" htmlFor={`${id}-terms`}>
        Redaction list
      </label>
      <p id={`${id}-terms-hint`} className="field-hint">
        One name or place per line. Each is replaced by “[redacted]” in every export; the list is kept with the project.
      </p>
      <textarea
        id={`${id}-terms`}
        rows={4}
        value={terms ?? ''}
        disabled={terms === null}
        aria-describedby={`${id}-terms-hint`}
        onChange={(e) => setTerms(e.target.value)}
      />
      <div className="button-row">
        <Button onClick={() => void exportMemo()}>Export</Button>
      </div>
      {result && <ExportReportView result={result} />}
    </Dialog>
  );
}

function ExportReportView({ result }: { result: MemoExport }) {
  const { report, files } = result;
  return (
    <section aria-label="Export report" className="export-report">
      <p role="status">
        Exported {listed(files.map((f) => f.fileName))}: {plural(report.citations, 'citation')} of {plural(report.items, 'source')}.
      </p>
      <ul>
        {report.unresolved.length > 0 && <li>Unresolved citation keys, left as written: {report.unresolved.join(', ')}.</li>}
        {report.redactions.map((r) => (
          <li key={r.term}>
            Redacted ‘{r.term}’ {r.count === 1 ? 'once' : `${r.count} times`}.
          </li>
        ))}
        {report.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <div className="button-row">
        {files.map((f) => (
          <Button key={f.fileName} className="button small" onClick={() => downloadBase64(f.fileName, f.base64, f.mime)}>
            Download {f.fileName} again
          </Button>
        ))}
      </div>
    </section>
  );
}
