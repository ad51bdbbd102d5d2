// Fields two colleagues changed apart: the value the project shows (the later change) beside the
// other one, and a choice per pair. Few are expected, so a plain table does.
import { useEffect, useId, useState, type Ref } from 'react';
import type { Conflict } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { conflictWhat, stampTime, valueText } from './wording';

interface Props {
  /** Changes after a merge, to list the conflicts again. */
  version: number;
  headingRef?: Ref<HTMLHeadingElement>;
  onResolved(): void;
}

export function ConflictsView({ version, headingRef, onResolved }: Props) {
  const { run } = useWork();
  const id = useId();
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let current = true;
    void run(async () => {
      const list = await api.call('conflicts.list', {});
      if (current) setConflicts(list);
    });
    return () => {
      current = false;
    };
  }, [run, version]);

  const resolve = (c: Conflict, keep: 'shown' | 'other') =>
    run(async () => {
      setConflicts(await api.call('conflicts.resolve', { id: c.id, keep }));
      const what = conflictWhat(c.table, c.field, c.label);
      setStatus(`${what}: ${keep === 'shown' ? 'kept' : 'now'} “${valueText(keep === 'shown' ? c.shown : c.other)}”.`);
      onResolved();
    });

  return (
    <section aria-labelledby={`${id}-heading`} className="conflicts-view">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        Conflicts
      </h3>
      <div role="status" className="status">
        {status && <p>{status}</p>}
      </div>
      {conflicts === null ? null : conflicts.length === 0 ? (
        <p>No conflicts: every field agrees.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table conflicts-table">
            <caption>
              {conflicts.length === 1 ? '1 field' : `${conflicts.length} fields`} you and a colleague changed apart. The later change is
              shown; choose which to keep.
            </caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Shown now</th>
                <th scope="col">The other value</th>
                <th scope="col">Choice</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((c) => (
                <tr key={c.id}>
                  <th scope="row" id={`${id}-${c.id}`}>
                    {conflictWhat(c.table, c.field, c.label)}
                  </th>
                  <td>
                    <Value value={c.shown} stamp={c.shownStamp} />
                  </td>
                  <td>
                    <Value value={c.other} stamp={c.otherStamp} />
                  </td>
                  <td>
                    <div className="button-row">
                      <Button className="button small" aria-describedby={`${id}-${c.id}`} onClick={() => void resolve(c, 'shown')}>
                        Keep shown
                      </Button>
                      <Button className="button small" aria-describedby={`${id}-${c.id}`} onClick={() => void resolve(c, 'other')}>
                        Use other
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const SHORT = 80;

function Value({ value, stamp }: { value: unknown; stamp: string }) {
  const text = valueText(value);
  return (
    <>
      {text.length <= SHORT ? (
        <span className="conflict-value">{text}</span>
      ) : (
        <details className="conflict-value">
          <summary title={text}>{text.slice(0, SHORT)}…</summary>
          <p>{text}</p>
        </details>
      )}
      <span className="quiet conflict-when">
        <time dateTime={stamp.slice(0, 24)}>{stampTime(stamp)}</time>
      </span>
    </>
  );
}
