// "Record judgement": per dimension a level, a confidence and a rationale, optionally as the
// adjudicated consensus, with an excerpt attached as evidence when it comes from the reader.
import { useState, type FormEvent } from 'react';
import type { Framework } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { EvidencePicker, type PickedEvidence } from './EvidencePicker';

interface Props {
  framework: Framework;
  unitId?: string;
  periodId?: string;
  /** When set, the form offers unit and period selects (the reader's "Record assessment…"). */
  choosePlace?: boolean;
  excerptId?: string;
  onRecorded(count: number): void;
}

interface DimensionEntry {
  levelId: string;
  confidence: string;
  rationale: string;
  /** Cite the excerpt (when there is one) as evidence for this dimension's judgement. */
  cite: boolean;
}

const EMPTY: DimensionEntry = { levelId: '', confidence: 'medium', rationale: '', cite: true };

export const CONFIDENCES = ['low', 'medium', 'high'] as const;

export function AssessmentForm({ framework, unitId, periodId, choosePlace, excerptId, onRecorded }: Props) {
  const { run } = useWork();
  const matrixUnits = framework.units.filter((u) => u.inMatrix);
  const [unit, setUnit] = useState(unitId ?? matrixUnits[0]?.id ?? '');
  const [period, setPeriod] = useState(periodId ?? framework.periods[0]?.id ?? '');
  const [consensus, setConsensus] = useState(false);
  const [extra, setExtra] = useState<PickedEvidence[]>([]);
  const [entries, setEntries] = useState<Record<string, DimensionEntry>>(() =>
    Object.fromEntries(framework.dimensions.map((d) => [d.id, { ...EMPTY }])),
  );

  function change(dimensionId: string, patch: Partial<DimensionEntry>) {
    setEntries((all) => ({
      ...all,
      [dimensionId]: { ...(all[dimensionId] ?? EMPTY), ...patch },
    }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = framework.dimensions.filter((d) => entries[d.id]?.levelId);
    if (chosen.length === 0 || !unit || !period) return;
    void run(async () => {
      for (const d of chosen) {
        const e = entries[d.id]!;
        await api.call('assessments.record', {
          unitId: unit,
          periodId: period,
          dimensionId: d.id,
          levelId: e.levelId,
          consensus: consensus || undefined,
          confidence: e.confidence,
          rationale: e.rationale,
          evidence: [
            ...(excerptId && e.cite ? [{ excerptId }] : []),
            // The reader's excerpt is cited once, however it was added.
            ...extra.filter((x) => !(excerptId && e.cite && x.excerptId === excerptId)).map(({ label: _label, ...x }) => x),
          ],
        });
      }
      onRecorded(chosen.length);
    });
  }

  return (
    <form className="assessment-form" aria-label="Record judgement" onSubmit={submit}>
      <h4>Record judgement</h4>
      {choosePlace && (
        <div className="form-row">
          <label>
            Unit{' '}
            <select value={unit} onChange={(e) => setUnit(e.target.value)}>
              {matrixUnits.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Period{' '}
            <select value={period} onChange={(e) => setPeriod(e.target.value)}>
              {framework.periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {framework.dimensions.map((d) => {
        const e = entries[d.id];
        return (
          <fieldset key={d.id} className="dimension-entry">
            <legend>{d.name}</legend>
            <div className="form-row">
              <label>
                Level{' '}
                <select
                  aria-label={`${d.name} level`}
                  value={e?.levelId ?? ''}
                  onChange={(ev) => change(d.id, { levelId: ev.target.value })}
                >
                  <option value="">— not judged —</option>
                  {d.levels.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Confidence{' '}
                <select
                  aria-label={`${d.name} confidence`}
                  value={e?.confidence ?? 'medium'}
                  onChange={(ev) => change(d.id, { confidence: ev.target.value })}
                >
                  {CONFIDENCES.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="block-label">
              Rationale
              <textarea
                aria-label={`${d.name} rationale`}
                rows={2}
                value={e?.rationale ?? ''}
                onChange={(ev) => change(d.id, { rationale: ev.target.value })}
              />
            </label>
            {excerptId && (
              <label className="check-label">
                <input type="checkbox" checked={e?.cite ?? true} onChange={(ev) => change(d.id, { cite: ev.target.checked })} /> Cite the
                excerpt as evidence for {d.name}
              </label>
            )}
          </fieldset>
        );
      })}
      <EvidencePicker picked={extra} onChange={setExtra} />
      <label className="check-label">
        <input type="checkbox" checked={consensus} onChange={(e) => setConsensus(e.target.checked)} /> This is the consensus (adjudicated)
        judgement
      </label>
      <Button type="submit">Record judgement</Button>
    </form>
  );
}
