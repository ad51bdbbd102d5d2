// The named year ranges that assessments are made for.
import type { Period } from '../../../electron/api/contract';

const year = (y: number | null) => (y === null ? '—' : String(y));

export function PeriodsTable({ periods }: { periods: Period[] }) {
  return (
    <section aria-labelledby="periods-heading" className="framework-section">
      <h3 id="periods-heading">Periods</h3>
      {periods.length === 0 ? (
        <p className="quiet">This framework has no periods yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            {/* Names the table for screen readers; sighted readers have the heading just above. */}
            <caption className="visually-hidden">Periods</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Start</th>
                <th scope="col">End</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => (
                <tr key={period.id}>
                  <th scope="row">{period.name}</th>
                  <td>{year(period.start)}</td>
                  <td>{year(period.end)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
