// The outcome table: which outcome each combination of levels gives. With two dimensions it is
// the memo's grid (rows: the first dimension, columns: the second, highest first), one select
// per cell; with any other number, one line per combination.
import { dimensionWord } from '../../../../electron/framework/outcome-grid';
import { combinations, comboKey, gridOf, setRule, type EditFramework, type EditLevel } from './model';

interface Props {
  draft: EditFramework;
  onChange(next: EditFramework): void;
}

function levelWords(name: string, dimension: string): string {
  return `${name || '(unnamed level)'} ${dimensionWord(dimension || 'dimension')}`;
}

function OutcomeSelect({ draft, levels, label, onChange }: Props & { levels: EditLevel[]; label: string }) {
  const value = draft.rules[comboKey(levels.map((l) => l.uid))] ?? '';
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) =>
        onChange(
          setRule(
            draft,
            levels.map((l) => l.uid),
            e.target.value,
          ),
        )
      }
    >
      <option value="">— none —</option>
      {draft.outcomes.map((o) => (
        <option key={o.uid} value={o.uid}>
          {o.name || '(unnamed outcome)'}
        </option>
      ))}
    </select>
  );
}

export function OutcomeRulesEditor({ draft, onChange }: Props) {
  const grid = gridOf(draft);
  const [rowDim, colDim] = draft.dimensions;
  return (
    <fieldset className="editor-group">
      <legend>Outcome table</legend>
      {grid && rowDim && colDim ? (
        <div className="table-scroll">
          <table className="data-table editor-grid">
            <caption className="visually-hidden">Outcome table (editable)</caption>
            <thead>
              <tr>
                <td />
                {grid.columns.map((c) => (
                  <th key={c.uid} scope="col">
                    {levelWords(c.name, colDim.name)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((r) => (
                <tr key={r.uid}>
                  <th scope="row">{levelWords(r.name, rowDim.name)}</th>
                  {grid.columns.map((c) => (
                    <td key={c.uid}>
                      <OutcomeSelect
                        draft={draft}
                        onChange={onChange}
                        levels={[r, c]}
                        label={`Outcome for ${levelWords(r.name, rowDim.name)} and ${levelWords(c.name, colDim.name)}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <ul className="editor-combos">
          {combinations(draft.dimensions).map((levels) => {
            const words = levels.map((l, i) => levelWords(l.name, draft.dimensions[i]?.name ?? '')).join(', ');
            return (
              <li key={comboKey(levels.map((l) => l.uid))}>
                <span>{words}</span>
                <OutcomeSelect draft={draft} onChange={onChange} levels={levels} label={`Outcome for ${words}`} />
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
