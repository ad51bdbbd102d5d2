// Importing a bibliography file: read it, let the host say which entries look like references
// already in the library, and let the person decide per entry before anything changes.
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import type { DuplicateReason, ImportCandidate, ImportDecision, ImportPreview } from '../../../electron/api/contract';
import { api, ApiError } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { candidateLine } from './library';

/** The host's request limit (contract.ts: MAX_REQUEST_BYTES less room for the rest of the call). */
const MAX_TEXT_CHARS = 1024 * 1024 - 4096;
/** Enough to review by eye; past this the rest is one click away, so a 2,000-entry file stays light. */
const SHOWN_AT_FIRST = 200;

export interface PendingImport {
  fileName: string;
  text: string;
  preview: ImportPreview;
}

const REASONS: Record<DuplicateReason, string> = {
  doi: 'same DOI',
  'title-year-author': 'same title, year and first author',
  'citation-key': 'same citation key',
};

const defaultDecision = (c: ImportCandidate): ImportDecision => (c.duplicateOf ? 'skip' : 'add');

export function ImportButton({ onPreview }: { onPreview(pending: PendingImport): void }) {
  const { busy, run } = useWork();
  const hintId = useId();

  function chosen(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // So choosing the same file again fires another change.
    input.value = '';
    if (!file) return;
    void run(async () => {
      const text = await file.text();
      if (text.length > MAX_TEXT_CHARS)
        throw new ApiError({
          code: 'too_large',
          message: `“${file.name}” is larger than 1 MB. Split it into smaller files and import each.`,
        });
      const preview = await api.call('references.importPreview', { fileName: file.name, text });
      onPreview({ fileName: file.name, text, preview });
    });
  }

  return (
    <>
      {/* A real file input named by its label, styled as a button; it stays keyboard-focusable. */}
      <label className={busy ? 'button file-button busy' : 'button file-button'}>
        Import references…
        <input
          type="file"
          className="visually-hidden"
          accept=".bib,.bibtex,.ris,.json,application/json"
          aria-describedby={hintId}
          aria-disabled={busy || undefined}
          onClick={(event) => {
            if (busy) event.preventDefault();
          }}
          onChange={chosen}
        />
      </label>
      <span id={hintId} className="visually-hidden">
        BibTeX, RIS or CSL-JSON
      </span>
    </>
  );
}

interface ReviewProps {
  pending: PendingImport;
  onDone(result: { added: number; merged: number; skipped: number }): void;
  onCancel(): void;
}

export function ImportReview({ pending, onDone, onCancel }: ReviewProps) {
  const { run } = useWork();
  const id = useId();
  const { candidates, warnings } = pending.preview;
  const [decisions, setDecisions] = useState<ImportDecision[]>(() => candidates.map(defaultDecision));
  const [showAll, setShowAll] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  // Duplicates first: they are the ones that need a decision.
  const ordered = [...candidates].sort((a, b) => Number(Boolean(b.duplicateOf)) - Number(Boolean(a.duplicateOf)) || a.index - b.index);
  const shown = showAll ? ordered : ordered.slice(0, SHOWN_AT_FIRST);
  const duplicates = candidates.filter((c) => c.duplicateOf).length;
  const importing = decisions.filter((d) => d !== 'skip').length;

  const decide = (index: number, d: ImportDecision) => setDecisions((all) => all.map((x, i) => (i === index ? d : x)));

  const commit = () =>
    run(async () => {
      const result = await api.call('references.importCommit', {
        fileName: pending.fileName,
        text: pending.text,
        decisions: Object.fromEntries(decisions.map((d, i) => [String(i), d])),
      });
      onDone(result);
    });

  return (
    <section className="import-results ref-import" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        Review import
      </h3>
      <p>
        {pending.fileName}: {plural(candidates.length, 'reference')}
        {duplicates > 0 && `, ${duplicates} of them like ${duplicates === 1 ? 'one' : 'ones'} already in the library`}.
      </p>
      {warnings.length > 0 && (
        <div className="ref-warnings">
          <h4>Warnings</h4>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {candidates.length === 0 ? (
        <p className="quiet">The file holds no references.</p>
      ) : (
        <ul className="outcome-list ref-candidates" aria-label="References in the file">
          {shown.map((c) => (
            <Candidate key={c.index} candidate={c} name={`${id}-c${c.index}`} decision={decisions[c.index] ?? 'skip'} onDecide={decide} />
          ))}
        </ul>
      )}
      {!showAll && ordered.length > SHOWN_AT_FIRST && (
        <button type="button" className="button subtle" onClick={() => setShowAll(true)}>
          Show all {ordered.length.toLocaleString()}
        </button>
      )}
      <div className="button-row">
        <Button disabled={importing === 0} onClick={() => void commit()}>
          Import {plural(importing, 'reference')}
        </Button>
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;
}

interface CandidateProps {
  candidate: ImportCandidate;
  name: string;
  decision: ImportDecision;
  onDecide(index: number, decision: ImportDecision): void;
}

function Candidate({ candidate, name, decision, onDecide }: CandidateProps) {
  const { title, detail } = candidateLine(candidate.item);
  const dup = candidate.duplicateOf;
  const choices: [ImportDecision, string][] = dup
    ? [
        ['add', 'Add anyway'],
        ['skip', 'Skip'],
        ['merge', 'Merge'],
      ]
    : [
        ['add', 'Add'],
        ['skip', 'Skip'],
      ];
  return (
    <li className="ref-candidate">
      <div>
        <span className="outcome-file">{title || '(no title)'}</span> <span className="outcome-message">{detail}</span>
        {dup && (
          <p className="ref-duplicate">
            <span className="tag tag-refused">Possible duplicate</span> of {dup.citationKey} “{dup.title}” ({REASONS[dup.reason]}).
          </p>
        )}
      </div>
      <fieldset className="ref-choice">
        <legend className="visually-hidden">{`What to do with “${title || 'untitled'}”`}</legend>
        {choices.map(([value, label]) => (
          <label key={value} className="check">
            <input type="radio" name={name} value={value} checked={decision === value} onChange={() => onDecide(candidate.index, value)} />
            {label}
          </label>
        ))}
      </fieldset>
    </li>
  );
}
