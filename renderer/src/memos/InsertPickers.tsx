// The choices behind the live block buttons: whose judgements Table 2 shows, which excerpt to
// quote, and which cell's evidence to list. Each answers the directive line to insert.
import { useEffect, useId, useState } from 'react';
import type { Framework } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { ProblemAlert } from '../app/ProblemAlert';
import { useWork } from '../app/work';
import { Dialog } from '../coding/Dialog';
import { useExcerptChoices, type ExcerptChoice } from '../coding/excerpt-choices';
import { evidenceDirective, excerptDirective, matrixDirective } from './directives';

interface PickerProps {
  onInsert(line: string): void;
  onClose(): void;
}

// Module-level loaders: stable, so the effect below runs once per picker.
const loadCoders = () => api.call('coders.list', {});
const loadFramework = () => api.call('framework.get', {});

/** Loads what a picker offers; failures show in the dialog's alert. */
function useLoad<T>(load: () => Promise<T>): T | null {
  const { run } = useWork();
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let current = true;
    void run(async () => {
      const v = await load();
      if (current) setValue(v);
    });
    return () => {
      current = false;
    };
  }, [run, load]);
  return value;
}

type Whose = 'consensus' | 'pooled' | 'coder';

export function MatrixPicker({ onInsert, onClose }: PickerProps) {
  const id = useId();
  const coders = useLoad(loadCoders);
  const [whose, setWhose] = useState<Whose>('consensus');
  const [coder, setCoder] = useState('');
  const chosen = coder || coders?.[0]?.name || '';
  const options: [Whose, string][] = [
    ['consensus', 'Consensus'],
    ['pooled', 'All coders'],
    ['coder', 'One coder'],
  ];
  return (
    <Dialog label="Insert Table 2 (matrix)" onClose={onClose}>
      <ProblemAlert />
      <fieldset className="memo-choice">
        <legend>Whose judgements</legend>
        {options.map(([value, label]) => (
          <label key={value} className="check-label">
            <input type="radio" name={`${id}-whose`} checked={whose === value} onChange={() => setWhose(value)} /> {label}
          </label>
        ))}
        <label className="block-label">
          Coder{' '}
          <select value={chosen} disabled={whose !== 'coder'} onChange={(e) => setCoder(e.target.value)}>
            {(coders ?? []).map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <Button
        disabled={whose === 'coder' && !chosen}
        onClick={() => onInsert(matrixDirective(whose === 'coder' ? { kind: 'coder', name: chosen } : { kind: whose }))}
      >
        Insert table
      </Button>
    </Dialog>
  );
}

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function ExcerptPicker({ onInsert, onClose }: PickerProps) {
  const [filter, setFilter] = useState('');
  const shown = useExcerptChoices(filter);
  const describe = (x: ExcerptChoice) => [x.documentTitle, x.role].filter(Boolean).join(' · ');
  return (
    <Dialog label="Quote an excerpt" onClose={onClose} className="memo-picker">
      <ProblemAlert />
      <label className="block-label">
        Find an excerpt <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {shown && !shown.length && <p className="quiet">{filter.trim() ? 'No excerpt has those words.' : 'No excerpts yet.'}</p>}
      <ul className="excerpt-choices" aria-label="Excerpts">
        {(shown ?? []).map((x) => (
          <li key={x.id}>
            <button type="button" className="excerpt-choice" onClick={() => onInsert(excerptDirective(x.id))}>
              <span className="excerpt-choice-text">“{short(x.text)}”</span>
              <span className="quiet"> {describe(x)}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export function EvidencePicker({ onInsert, onClose }: PickerProps) {
  const framework = useLoad<Framework>(loadFramework);
  const [unit, setUnit] = useState('');
  const [period, setPeriod] = useState('');
  const units = framework?.units.filter((u) => u.inMatrix) ?? [];
  const u = unit || units[0]?.name || '';
  const p = period || framework?.periods[0]?.name || '';
  return (
    <Dialog label="Evidence for a cell" onClose={onClose}>
      <ProblemAlert />
      <div className="form-row">
        <label>
          Unit{' '}
          <select value={u} onChange={(e) => setUnit(e.target.value)}>
            {units.map((x) => (
              <option key={x.id}>{x.name}</option>
            ))}
          </select>
        </label>
        <label>
          Period{' '}
          <select value={p} onChange={(e) => setPeriod(e.target.value)}>
            {(framework?.periods ?? []).map((x) => (
              <option key={x.id}>{x.name}</option>
            ))}
          </select>
        </label>
      </div>
      <Button disabled={!u || !p} onClick={() => onInsert(evidenceDirective(u, p))}>
        Insert evidence
      </Button>
    </Dialog>
  );
}
