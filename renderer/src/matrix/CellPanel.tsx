// One matrix cell: every coder's judgements per dimension, with confidence, rationale and
// evidence, and the form to record a judgement (or the adjudicated consensus).
import { useCallback, useEffect, useState } from 'react';
import type { Assessment, Framework } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { AssessmentForm } from '../coding/AssessmentForm';
import { Dialog } from '../coding/Dialog';

interface Props {
  framework: Framework;
  unitId: string;
  periodId: string;
  onClose(): void;
  onChanged(): void;
  onOpenEvidence(documentId: string, excerptId: string): void;
}

export function CellPanel({ framework, unitId, periodId, onClose, onChanged, onOpenEvidence }: Props) {
  const { run } = useWork();
  const [assessments, setAssessments] = useState<Assessment[] | null>(null);
  const [formKey, setFormKey] = useState(0);
  const unit = framework.units.find((u) => u.id === unitId)?.name ?? 'unit';
  const period = framework.periods.find((p) => p.id === periodId)?.name ?? 'period';

  const load = useCallback(
    () =>
      run(async () => {
        setAssessments(await api.call('assessments.list', { unitId, periodId }));
      }),
    [run, unitId, periodId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const levelName = (dimensionId: string, levelId: string) =>
    framework.dimensions.find((d) => d.id === dimensionId)?.levels.find((l) => l.id === levelId)?.name ?? 'unknown level';

  return (
    <Dialog label={`Cell ${unit}, ${period}`} onClose={onClose} className="cell-panel">
      {assessments === null ? (
        <p className="quiet">Loading judgements…</p>
      ) : (
        framework.dimensions.map((d) => {
          const list = assessments.filter((a) => a.dimensionId === d.id);
          return (
            <section key={d.id} className="cell-dimension" aria-label={d.name}>
              <h4>{d.name}</h4>
              {list.length === 0 ? (
                <p className="quiet">No judgement yet.</p>
              ) : (
                <ul className="judgements">
                  {list.map((a) => (
                    <li key={a.id}>
                      <strong>{a.assessorName}</strong>: {levelName(d.id, a.levelId)}
                      {a.consensus && <span className="tag">consensus</span>}
                      {a.confidence && <span className="quiet"> · confidence {a.confidence}</span>}
                      {a.rationale && <p className="rationale">{a.rationale}</p>}
                      {a.evidence.length > 0 && (
                        <ul className="evidence-list" aria-label="Evidence">
                          {a.evidence.map((ev) => (
                            <li key={ev.id}>
                              {ev.excerptId && ev.documentId ? (
                                <button
                                  type="button"
                                  className="link-button"
                                  onClick={() => {
                                    if (ev.documentId && ev.excerptId) onOpenEvidence(ev.documentId, ev.excerptId);
                                  }}
                                >
                                  “{ev.text.length > 160 ? `${ev.text.slice(0, 160)}…` : ev.text}” — {ev.documentTitle}
                                </button>
                              ) : (
                                <span>
                                  {/* A reference: its title (the host sends it as the evidence text) at the locator. */}
                                  <cite>{ev.text || 'A reference'}</cite>
                                  {ev.locator ? `, ${ev.locator}` : ''} {ev.note}
                                </span>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                      <Button
                        className="button subtle small"
                        aria-label={`Delete ${a.assessorName}’s ${d.name} judgement`}
                        onClick={() =>
                          void run(async () => {
                            await api.call('assessments.delete', { id: a.id });
                            await load();
                            onChanged();
                          })
                        }
                      >
                        Delete
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
      <AssessmentForm
        key={formKey}
        framework={framework}
        unitId={unitId}
        periodId={periodId}
        onRecorded={() => {
          setFormKey((k) => k + 1);
          void load();
          onChanged();
        }}
      />
    </Dialog>
  );
}
