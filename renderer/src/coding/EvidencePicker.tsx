// More evidence for a judgement than the excerpt it was recorded from: other excerpts, and
// references with a page or section locator. What is added here is cited for every dimension
// judged in the form.
import { useEffect, useState } from 'react';
import type { EvidenceInput, Reference } from '../../../electron/api/contract';
import { api } from '../api/client';
import { useExcerptChoices } from './excerpt-choices';

export interface PickedEvidence extends EvidenceInput {
  label: string;
}

interface Props {
  picked: PickedEvidence[];
  onChange(picked: PickedEvidence[]): void;
}

const short = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function EvidencePicker({ picked, onChange }: Props) {
  const [find, setFind] = useState('');
  const excerpts = useExcerptChoices(find) ?? [];
  const [refs, setRefs] = useState<Reference[]>([]);
  const [excerptId, setExcerptId] = useState('');
  const [referenceId, setReferenceId] = useState('');
  const [locator, setLocator] = useState('');

  // The library to choose from; a failure leaves it empty rather than blocking the judgement.
  // (Excerpts are searched, not listed: see excerpt-choices.ts.)
  useEffect(() => {
    api.call('references.library', {}).then(setRefs, () => setRefs([]));
  }, []);

  function addExcerpt() {
    const x = excerpts.find((e) => e.id === excerptId);
    if (!x || picked.some((p) => p.excerptId === x.id)) return;
    onChange([...picked, { excerptId: x.id, label: `${x.documentTitle}: “${short(x.text)}”` }]);
    setExcerptId('');
  }

  function addReference() {
    const r = refs.find((e) => e.id === referenceId);
    if (!r) return;
    const loc = locator.trim();
    if (picked.some((p) => p.referenceId === r.id && (p.locator ?? '') === loc)) return;
    onChange([...picked, { referenceId: r.id, ...(loc ? { locator: loc } : {}), label: `${r.citationKey}${loc ? `, ${loc}` : ''}` }]);
    setReferenceId('');
    setLocator('');
  }

  return (
    <fieldset className="evidence-picker">
      <legend>Other evidence</legend>
      {picked.length > 0 && (
        <ul className="picked-evidence" aria-label="Evidence to cite">
          {picked.map((p, i) => (
            <li key={`${p.excerptId ?? p.referenceId}-${p.locator ?? ''}`}>
              {p.label}{' '}
              <button type="button" aria-label={`Remove ${p.label}`} onClick={() => onChange(picked.filter((_, j) => j !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-row">
        <label>
          Find an excerpt <input type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="words in it" />
        </label>
        <label>
          Excerpt{' '}
          <select value={excerptId} onChange={(e) => setExcerptId(e.target.value)}>
            <option value="">
              {excerpts.length ? '— choose an excerpt —' : find.trim() ? 'no excerpt has those words' : 'no excerpts yet'}
            </option>
            {excerpts.map((x) => (
              <option key={x.id} value={x.id}>
                {x.documentTitle}: {short(x.text)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={addExcerpt} disabled={!excerptId}>
          Add excerpt
        </button>
      </div>
      <div className="form-row">
        <label>
          Reference{' '}
          <select value={referenceId} onChange={(e) => setReferenceId(e.target.value)}>
            <option value="">{refs.length ? '— choose a reference —' : 'the library is empty'}</option>
            {refs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.citationKey} — {short(r.title)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Page or section <input value={locator} onChange={(e) => setLocator(e.target.value)} placeholder="p. 24" size={10} />
        </label>
        <button type="button" onClick={addReference} disabled={!referenceId}>
          Add reference
        </button>
      </div>
    </fieldset>
  );
}
