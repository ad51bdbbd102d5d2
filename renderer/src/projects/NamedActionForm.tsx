// A labelled text field with one button: "New project name" + "Create project", "Copy name" +
// "Save a copy". A real <form>, so Enter submits; it never navigates (the CSP forbids that anyway).
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../app/Button';
import { useWork } from '../app/work';

interface Props {
  label: string;
  action: string;
  /** Does the work; resolves true when it succeeded, so the field can be cleared. */
  onSubmit(name: string): Promise<boolean>;
}

export function NamedActionForm({ label, action, onSubmit }: Props) {
  const { busy } = useWork();
  const id = useId();
  const [name, setName] = useState('');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (await onSubmit(name)) setName('');
  }

  return (
    <form className="named-action" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <div className="named-action-row">
        <input id={id} type="text" value={name} maxLength={120} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        {/* The host says what is wrong with a name (empty, too long, forbidden characters). */}
        <Button type="submit">{action}</Button>
      </div>
    </form>
  );
}
