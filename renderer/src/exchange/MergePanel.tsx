// Merging a colleague's copy: first a dry run, so the person reads what would change before
// anything does, then the merge itself, after which the host has left a backup. An upload is
// taken by one call only, so the file is sent again for the real merge.
import { useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import type { MergeReport } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { MergeSummary } from './MergeSummary';
import { changeSentence, conflictsCounted } from './wording';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; file: File }
  | { kind: 'preview'; file: File; report: MergeReport }
  | { kind: 'merging'; file: File; report: MergeReport }
  | { kind: 'merged'; file: File; report: MergeReport };

interface Props {
  onMerged(): void;
  onShowConflicts(): void;
}

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

export function MergePanel({ onMerged, onShowConflicts }: Props) {
  const { busy, run } = useWork();
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [identities, setIdentities] = useState(false);
  const [dragging, setDragging] = useState(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  async function preview(file: File) {
    setIdentities(false);
    setStep({ kind: 'checking', file });
    const ok = await run(async () => {
      const { uploadId } = await api.upload(file);
      // With identities, so the preview can follow the checkbox without another upload; a dry
      // run changes nothing, and each table merges on its own.
      const report = await api.call('project.merge', { uploadId, dryRun: true, identities: true });
      if (mounted.current) setStep({ kind: 'preview', file, report });
    });
    if (!ok && mounted.current) setStep({ kind: 'idle' });
  }

  async function merge(file: File, previewed: MergeReport) {
    setStep({ kind: 'merging', file, report: previewed });
    const ok = await run(async () => {
      const { uploadId } = await api.upload(file);
      const report = await api.call('project.merge', { uploadId, dryRun: false, identities });
      if (mounted.current) setStep({ kind: 'merged', file, report });
      onMerged();
    });
    if (!ok && mounted.current) setStep({ kind: 'preview', file, report: previewed });
  }

  function chosen(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // So choosing the same file again fires another change.
    input.value = '';
    if (file) void preview(file);
  }

  function onDragOver(event: DragEvent<HTMLElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    setDragging(true);
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) void preview(file);
  }

  return (
    <section
      className={dragging ? 'merge-panel dragging' : 'merge-panel'}
      aria-labelledby={`${id}-heading`}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <h3 id={`${id}-heading`}>Merge a colleague’s file</h3>
      <p>
        Brings a colleague’s copy of this project into yours, field by field. You see what would change first; nothing changes until you
        choose Merge.
      </p>
      <div className="import-controls">
        {/* A real file input, styled as a button; it stays keyboard-focusable. */}
        <label className={busy ? 'button file-button busy' : 'button file-button'}>
          Merge a colleague’s file…
          <input
            type="file"
            className="visually-hidden"
            aria-label="Choose a colleague’s file to merge"
            accept=".fieldcoder"
            aria-disabled={busy || undefined}
            onClick={(event) => {
              if (busy) event.preventDefault();
            }}
            onChange={chosen}
          />
        </label>
        <span className="quiet drop-hint">or drop a .fieldcoder file here</span>
      </div>

      <div role="status" className="status">
        {step.kind === 'checking' && <p>Reading “{step.file.name}”…</p>}
        {step.kind === 'merging' && <p>Merging…</p>}
        {step.kind === 'merged' && <MergedLine step={step} identities={identities} onShowConflicts={onShowConflicts} />}
      </div>

      {(step.kind === 'preview' || step.kind === 'merging') && (
        <div className="merge-preview">
          <MergeSummary
            fileName={step.file.name}
            report={step.report}
            identities={identities}
            heading={`What merging “${step.file.name}” would change`}
          />
          <label className="check">
            <input type="checkbox" checked={identities} onChange={(e) => setIdentities(e.target.checked)} /> Also merge identities (real
            names)
          </label>
          <p className="identity-warning">
            Real names and contacts would come into this project. Merge them only if your study allows you to keep them here.
          </p>
          <div className="button-row">
            <Button onClick={() => void merge(step.file, step.report)}>Merge</Button>
            <Button className="button subtle" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

function MergedLine({
  step,
  identities,
  onShowConflicts,
}: {
  step: { file: File; report: MergeReport };
  identities: boolean;
  onShowConflicts(): void;
}) {
  const conflicts = conflictsCounted(step.report, identities);
  return (
    <>
      <p>
        Merged “{step.file.name}”: {changeSentence(step.report.tables, conflicts, identities)}.
      </p>
      {step.report.backup && <p className="quiet">A backup was made first: {step.report.backup}</p>}
      {conflicts > 0 && (
        <p>
          <button type="button" className="link-button" onClick={onShowConflicts}>
            {conflicts === 1 ? '1 conflict' : `${conflicts} conflicts`} to look at in Conflicts
          </button>
        </p>
      )}
    </>
  );
}
