// The framework editor's simple lists: outcomes (name, meaning, colour), units of analysis
// (name, kind, parent, in the matrix or not, aliases) and periods (name, first and last year).
import { useId, useState } from 'react';
import { Button } from '../../app/Button';
import { newUid, parseAliases, type EditFramework, type EditOutcome, type EditPeriod, type EditUnit } from './model';

interface Props {
  draft: EditFramework;
  onChange(next: EditFramework): void;
}

function replaceAt<T>(items: T[], i: number, patch: Partial<T>): T[] {
  return items.map((item, j) => (j === i ? { ...item, ...patch } : item));
}

export function OutcomesEditor({ draft, onChange }: Props) {
  const set = (outcomes: EditOutcome[]) => {
    // An outcome that goes also leaves the outcome table.
    const live = new Set(outcomes.map((o) => o.uid));
    const rules = Object.fromEntries(Object.entries(draft.rules).filter(([, o]) => live.has(o)));
    onChange({ ...draft, outcomes, rules });
  };
  return (
    <fieldset className="editor-group">
      <legend>Outcomes</legend>
      <div className="table-scroll">
        <table className="data-table editor-table">
          <caption className="visually-hidden">Outcomes (editable)</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Meaning</th>
              <th scope="col">Colour</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.outcomes.map((o, i) => (
              <tr key={o.uid}>
                <td>
                  <input
                    type="text"
                    aria-label={`Name of outcome ${i + 1}`}
                    value={o.name}
                    autoComplete="off"
                    onChange={(e) => set(replaceAt(draft.outcomes, i, { name: e.target.value }))}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`Meaning of outcome ${i + 1}`}
                    value={o.meaning}
                    autoComplete="off"
                    onChange={(e) => set(replaceAt(draft.outcomes, i, { meaning: e.target.value }))}
                  />
                </td>
                <td>
                  <input
                    type="color"
                    aria-label={`Colour of outcome ${i + 1}`}
                    value={o.color || '#999999'}
                    onChange={(e) => set(replaceAt(draft.outcomes, i, { color: e.target.value }))}
                  />
                </td>
                <td>
                  <Button
                    className="button small"
                    disabled={draft.outcomes.length <= 1}
                    onClick={() => set(draft.outcomes.filter((_, j) => j !== i))}
                  >
                    Remove<span className="visually-hidden"> outcome {o.name || i + 1}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button onClick={() => set([...draft.outcomes, { uid: newUid(), name: '', meaning: '', color: '' }])}>Add outcome</Button>
    </fieldset>
  );
}

/** Aliases typed as "Karategin, Qarotegin": the text is kept as typed, the list follows it. */
function AliasesInput({ value, label, onChange }: { value: string[]; label: string; onChange(aliases: string[]): void }) {
  const [text, setText] = useState(() => value.join(', '));
  return (
    <input
      type="text"
      aria-label={label}
      value={text}
      autoComplete="off"
      placeholder="comma-separated"
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseAliases(e.target.value));
      }}
    />
  );
}

export function UnitsEditor({ draft, onChange }: Props) {
  const id = useId();
  const set = (units: EditUnit[]) => {
    // A unit that goes leaves its children without a parent rather than naming a missing one.
    const live = new Set(units.map((u) => u.uid));
    onChange({ ...draft, units: units.map((u) => (u.parent && !live.has(u.parent) ? { ...u, parent: '' } : u)) });
  };
  return (
    <fieldset className="editor-group">
      <legend>Units of analysis</legend>
      <datalist id={`${id}-kinds`}>
        {[...new Set(draft.units.map((u) => u.kind).filter((k) => k !== ''))].map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <div className="table-scroll">
        <table className="data-table editor-table">
          <caption className="visually-hidden">Units of analysis (editable)</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Parent</th>
              <th scope="col">In matrix</th>
              <th scope="col">Aliases</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.units.map((u, i) => (
              <tr key={u.uid}>
                <td>
                  <input
                    type="text"
                    aria-label={`Name of unit ${i + 1}`}
                    value={u.name}
                    autoComplete="off"
                    onChange={(e) => set(replaceAt(draft.units, i, { name: e.target.value }))}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    className="short"
                    aria-label={`Kind of unit ${i + 1}`}
                    list={`${id}-kinds`}
                    value={u.kind}
                    maxLength={50}
                    autoComplete="off"
                    onChange={(e) => set(replaceAt(draft.units, i, { kind: e.target.value }))}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Parent of unit ${i + 1}`}
                    value={u.parent}
                    onChange={(e) => set(replaceAt(draft.units, i, { parent: e.target.value }))}
                  >
                    <option value="">none</option>
                    {draft.units
                      .filter((p) => p.uid !== u.uid)
                      .map((p) => (
                        <option key={p.uid} value={p.uid}>
                          {p.name || '(unnamed unit)'}
                        </option>
                      ))}
                  </select>
                </td>
                <td className="center">
                  <input
                    type="checkbox"
                    aria-label={`Unit ${i + 1} in matrix`}
                    checked={u.inMatrix}
                    onChange={(e) => set(replaceAt(draft.units, i, { inMatrix: e.target.checked }))}
                  />
                </td>
                <td>
                  <AliasesInput
                    value={u.aliases}
                    label={`Aliases of unit ${i + 1}`}
                    onChange={(aliases) => set(replaceAt(draft.units, i, { aliases }))}
                  />
                </td>
                <td>
                  <Button className="button small" onClick={() => set(draft.units.filter((_, j) => j !== i))}>
                    Remove<span className="visually-hidden"> unit {u.name || i + 1}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button
        onClick={() =>
          set([...draft.units, { uid: newUid(), name: '', kind: '', parent: '', inMatrix: true, description: '', aliases: [] }])
        }
      >
        Add unit
      </Button>
    </fieldset>
  );
}

export function PeriodsEditor({ draft, onChange }: Props) {
  const set = (periods: EditPeriod[]) => onChange({ ...draft, periods });
  return (
    <fieldset className="editor-group">
      <legend>Periods</legend>
      <div className="table-scroll">
        <table className="data-table editor-table">
          <caption className="visually-hidden">Periods (editable)</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Start</th>
              <th scope="col">End</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.periods.map((p, i) => (
              <tr key={p.uid}>
                <td>
                  <input
                    type="text"
                    aria-label={`Name of period ${i + 1}`}
                    value={p.name}
                    autoComplete="off"
                    onChange={(e) => set(replaceAt(draft.periods, i, { name: e.target.value }))}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    inputMode="numeric"
                    className="year"
                    aria-label={`Start year of period ${i + 1}`}
                    value={p.start}
                    autoComplete="off"
                    onChange={(e) => set(replaceAt(draft.periods, i, { start: e.target.value }))}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    inputMode="numeric"
                    className="year"
                    aria-label={`End year of period ${i + 1}`}
                    value={p.end}
                    autoComplete="off"
                    onChange={(e) => set(replaceAt(draft.periods, i, { end: e.target.value }))}
                  />
                </td>
                <td>
                  <Button className="button small" onClick={() => set(draft.periods.filter((_, j) => j !== i))}>
                    Remove<span className="visually-hidden"> period {p.name || i + 1}</span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button onClick={() => set([...draft.periods, { uid: newUid(), name: '', start: '', end: '' }])}>Add period</Button>
    </fieldset>
  );
}
