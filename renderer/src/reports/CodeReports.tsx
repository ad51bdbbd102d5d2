// Code reports: how often each code is applied per document, per interviewee role, and with
// each other code, as a table with a bar chart of each code's total beside it and a CSV to take
// into a spreadsheet. The host counts; this only shows and hands over the file.
import { useEffect, useId, useState } from 'react';
import type { CrossTab, Output, ReportKind } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { downloadText } from '../framework/download';
import { barsOf, REPORT_KINDS, REPORT_LABELS } from './bars';
import './reports.css';

type Report = Output<'reports.get'>;

export function CodeReports() {
  const { run } = useWork();
  const id = useId();
  const [kind, setKind] = useState<ReportKind>('code-document');
  const [report, setReport] = useState<{ kind: ReportKind; value: Report } | null>(null);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const value = await api.call('reports.get', { kind });
      if (current) setReport({ kind, value });
    });
    return () => {
      current = false;
    };
  }, [run, kind]);

  const shown = report?.kind === kind ? report.value : null;

  return (
    <section aria-labelledby={`${id}-heading`} className="code-reports">
      <h3 id={`${id}-heading`}>Code reports</h3>
      <div className="report-controls">
        <label>
          Report
          <select value={kind} onChange={(e) => setKind(e.target.value as ReportKind)}>
            {REPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {REPORT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <Button disabled={!shown} onClick={() => shown && downloadText(shown.fileName, shown.csv, 'text/csv')}>
          Download CSV
        </Button>
      </div>
      {!shown ? (
        <p className="quiet">Counting…</p>
      ) : shown.rows.length === 0 ? (
        <p className="quiet">This project has no codes yet.</p>
      ) : (
        <div className="report-layout">
          <ReportTable tab={shown} caption={REPORT_LABELS[kind]} />
          <ReportBars tab={shown} kind={kind} />
        </div>
      )}
    </section>
  );
}

function ReportTable({ tab, caption }: { tab: CrossTab; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            {tab.columns.map((c) => (
              <th key={c.id} scope="col">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tab.rows.map((row, r) => (
            <tr key={row.id}>
              <th scope="row">{row.name}</th>
              {tab.columns.map((c, j) => {
                const n = tab.counts[r]?.[j] ?? 0;
                return (
                  <td key={c.id} className={n === 0 ? 'zero' : undefined}>
                    {n}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {tab.columns.length === 0 && <p className="quiet">Nothing to count yet: no code has been applied.</p>}
    </div>
  );
}

function ReportBars({ tab, kind }: { tab: CrossTab; kind: ReportKind }) {
  const id = useId();
  const bars = barsOf(tab, kind);
  return (
    <figure className="report-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {kind === 'co-occurrence' ? 'Co-occurrences per code' : 'Excerpts per code'}
      </figcaption>
      <ul className="report-bars">
        {bars.map((b) => (
          <li key={b.id}>
            <span className="bar-name" title={b.name}>
              {b.name}
            </span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${b.percent}%`, display: 'block' }} />
            </span>
            <span className="bar-value">{b.total}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
