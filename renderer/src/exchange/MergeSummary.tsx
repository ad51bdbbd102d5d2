// A dry run's findings: one sentence to read, then the same counts by kind in a table.
import type { MergeReport } from '../../../electron/api/contract';
import { changeLines, changeSentence, conflictsCounted } from './wording';

interface Props {
  fileName: string;
  report: MergeReport;
  identities: boolean;
  heading: string;
}

export function MergeSummary({ fileName, report, identities, heading }: Props) {
  const conflicts = conflictsCounted(report, identities);
  const lines = changeLines(report.tables, identities);
  return (
    <>
      <p className="merge-sentence">
        Merging would bring: <strong>{changeSentence(report.tables, conflicts, identities)}</strong>.
      </p>
      {report.upgraded && (
        <p className="quiet">
          “{fileName}” was made by an older Field Coder (file version {report.theirVersion}). A copy of it was upgraded to read it; the file
          itself is unchanged.
        </p>
      )}
      {conflicts > 0 && (
        <p className="quiet">
          A conflict is a field you both changed apart. The later change shows; the other stays at hand in Conflicts until you choose.
        </p>
      )}
      {lines.length > 0 && (
        <div className="table-scroll">
          <table className="merge-counts">
            <caption>{heading}</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">New</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.label}>
                  <th scope="row">{l.label}</th>
                  <td>{l.added}</td>
                  <td>{l.changed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
