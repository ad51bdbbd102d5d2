// Dimensions and their levels. The levels are listed lowest first and their order is the
// ordinal scale: moving a level up or down changes its rank; any number from two up is fine.
import { useId } from 'react';
import { Button } from '../../app/Button';
import { move, newUid, type EditDimension, type EditFramework, type EditLevel } from './model';

interface Props {
  draft: EditFramework;
  onChange(next: EditFramework): void;
}

export function newDimension(n: number): EditDimension {
  return {
    uid: newUid(),
    name: `Dimension ${n}`,
    question: '',
    levels: [
      { uid: newUid(), name: 'low' },
      { uid: newUid(), name: 'high' },
    ],
  };
}

export function DimensionsEditor({ draft, onChange }: Props) {
  const setDimensions = (dimensions: EditDimension[]) => onChange({ ...draft, dimensions });
  const update = (i: number, patch: Partial<EditDimension>) =>
    setDimensions(draft.dimensions.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  return (
    <fieldset className="editor-group">
      <legend>Dimensions</legend>
      {draft.dimensions.map((d, i) => (
        <DimensionEditor
          key={d.uid}
          dimension={d}
          index={i}
          canRemove={draft.dimensions.length > 1}
          onChange={(patch) => update(i, patch)}
          onRemove={() => setDimensions(draft.dimensions.filter((_, j) => j !== i))}
        />
      ))}
      <Button onClick={() => setDimensions([...draft.dimensions, newDimension(draft.dimensions.length + 1)])}>Add dimension</Button>
    </fieldset>
  );
}

interface DimensionProps {
  dimension: EditDimension;
  index: number;
  canRemove: boolean;
  onChange(patch: Partial<EditDimension>): void;
  onRemove(): void;
}

function DimensionEditor({ dimension: d, index, canRemove, onChange, onRemove }: DimensionProps) {
  const id = useId();
  const label = d.name.trim() || `dimension ${index + 1}`;
  const setLevels = (levels: EditLevel[]) => onChange({ levels });
  return (
    <div className="editor-card" role="group" aria-label={`Dimension ${index + 1}`}>
      <div className="editor-field">
        <label htmlFor={`${id}-name`}>Dimension name</label>
        <input id={`${id}-name`} type="text" value={d.name} autoComplete="off" onChange={(e) => onChange({ name: e.target.value })} />
      </div>
      <div className="editor-field">
        <label htmlFor={`${id}-question`}>Question</label>
        <input
          id={`${id}-question`}
          type="text"
          value={d.question}
          autoComplete="off"
          placeholder="What does a coder ask of the evidence?"
          onChange={(e) => onChange({ question: e.target.value })}
        />
      </div>
      <p className="editor-subhead" id={`${id}-levels`}>
        Levels of {label}, lowest first
      </p>
      <ol className="editor-levels" aria-labelledby={`${id}-levels`}>
        {d.levels.map((l, j) => (
          <li key={l.uid}>
            <span className="rank" aria-hidden="true">
              {j + 1}
            </span>
            <input
              type="text"
              aria-label={`Level ${j + 1} of ${label}`}
              value={l.name}
              autoComplete="off"
              onChange={(e) => setLevels(d.levels.map((x, k) => (k === j ? { ...x, name: e.target.value } : x)))}
            />
            <Button className="button small" disabled={j === 0} onClick={() => setLevels(move(d.levels, j, j - 1))}>
              <span aria-hidden="true">↑</span>
              <span className="visually-hidden">Move {l.name || `level ${j + 1}`} lower</span>
            </Button>
            <Button className="button small" disabled={j === d.levels.length - 1} onClick={() => setLevels(move(d.levels, j, j + 1))}>
              <span aria-hidden="true">↓</span>
              <span className="visually-hidden">Move {l.name || `level ${j + 1}`} higher</span>
            </Button>
            <Button className="button small" disabled={d.levels.length <= 2} onClick={() => setLevels(d.levels.filter((_, k) => k !== j))}>
              Remove<span className="visually-hidden"> level {l.name || j + 1}</span>
            </Button>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <Button onClick={() => setLevels([...d.levels, { uid: newUid(), name: '' }])}>Add level to {label}</Button>
        <Button className="button danger" disabled={!canRemove} onClick={onRemove}>
          Remove dimension {label}
        </Button>
      </div>
    </div>
  );
}
