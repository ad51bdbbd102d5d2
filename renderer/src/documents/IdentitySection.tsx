// An interviewee's real name and contact: stored apart from the text, fetched only when the
// person asks to see them, and forgotten by this window again on "Hide identity".
import { useId, useState, type FormEvent } from 'react';
import type { Identity } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';

type Draft = Pick<Identity, 'realName' | 'contact' | 'notes'>;
const EMPTY: Draft = { realName: '', contact: '', notes: '' };

export function IdentitySection({ documentId }: { documentId: string }) {
  const { run } = useWork();
  const id = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState('');

  const show = () =>
    run(async () => {
      const identity = await api.call('identities.get', { documentId });
      setDraft(identity ? { realName: identity.realName, contact: identity.contact, notes: identity.notes } : { ...EMPTY });
      setStatus(identity ? '' : 'No identity recorded for this document yet.');
    });

  function hide() {
    setDraft(null);
    setStatus('');
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    await run(async () => {
      const saved = await api.call('identities.set', { documentId, ...draft });
      setDraft({ realName: saved.realName, contact: saved.contact, notes: saved.notes });
      setStatus('Identity saved.');
    });
  }

  const edit = (field: keyof Draft, value: string) => {
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    setStatus('');
  };

  return (
    <section className="identity" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Identity</h3>
      <p className="identity-warning">Identities are never exported or shared unless you ask for it.</p>
      {draft === null ? (
        <Button onClick={() => void show()}>Show identity</Button>
      ) : (
        <form onSubmit={save} className="identity-form">
          <div className="meta-field">
            <label htmlFor={`${id}-name`}>Real name</label>
            <input
              id={`${id}-name`}
              type="text"
              value={draft.realName}
              maxLength={300}
              autoComplete="off"
              onChange={(e) => edit('realName', e.target.value)}
            />
          </div>
          <div className="meta-field">
            <label htmlFor={`${id}-contact`}>Contact</label>
            <input
              id={`${id}-contact`}
              type="text"
              value={draft.contact}
              maxLength={1000}
              autoComplete="off"
              onChange={(e) => edit('contact', e.target.value)}
            />
          </div>
          <div className="meta-field">
            <label htmlFor={`${id}-notes`}>Identity notes</label>
            <textarea id={`${id}-notes`} rows={3} value={draft.notes} maxLength={10_000} onChange={(e) => edit('notes', e.target.value)} />
          </div>
          <div className="button-row">
            <Button type="submit">Save identity</Button>
            <button type="button" className="button subtle" onClick={hide}>
              Hide identity
            </button>
          </div>
        </form>
      )}
      <p role="status" className="status">
        {status}
      </p>
    </section>
  );
}
