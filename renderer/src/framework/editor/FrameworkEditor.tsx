// The framework editor: the active framework as a form (name, dimensions with ordered levels,
// outcomes, the outcome table, units with aliases, periods). It loads framework.editable, keeps
// a working copy (see model.ts), and sends it whole to framework.save; the host applies it row
// by row and refuses what would orphan judgements, and its message shows in the alert.
import { useEffect, useId, useState } from 'react';
import type { Framework } from '../../../../electron/api/contract';
import { api, ApiError } from '../../api/client';
import { Button } from '../../app/Button';
import { useWork } from '../../app/work';
import { DimensionsEditor } from './DimensionsEditor';
import './editor.css';
import { fromTemplate, problemsOf, readableSaveProblem, toTemplate, type EditFramework } from './model';
import { OutcomeRulesEditor } from './OutcomeRulesEditor';
import { OutcomesEditor, PeriodsEditor, UnitsEditor } from './RowsEditors';

interface Props {
  onSaved(framework: Framework): void;
  onCancel(): void;
}

export function FrameworkEditor({ onSaved, onCancel }: Props) {
  const { run } = useWork();
  const id = useId();
  const [draft, setDraft] = useState<EditFramework | null>(null);
  // The last refusal, repeated beside Save: the alert is at the top of a long page.
  const [refusal, setRefusal] = useState('');

  useEffect(() => {
    let current = true;
    void run(async () => {
      const template = await api.call('framework.editable', {});
      if (current) setDraft(fromTemplate(template));
    });
    return () => {
      current = false;
    };
  }, [run]);

  const refuse = (message: string): never => {
    setRefusal(message);
    throw new ApiError({ code: 'invalid', message });
  };

  const save = (framework: EditFramework) =>
    run(async () => {
      setRefusal('');
      const problems = problemsOf(framework);
      if (problems.length > 0) refuse(`Not saved: ${problems.slice(0, 5).join(' ')}`);
      let saved: Framework;
      try {
        saved = await api.call('framework.save', { json: JSON.stringify(toTemplate(framework)) });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'invalid') refuse(readableSaveProblem(err.message));
        throw err;
      }
      onSaved(saved);
    });

  return (
    <section className="framework-editor" aria-label="Framework editor">
      <h3>Edit framework</h3>
      {draft === null ? (
        <>
          <p className="quiet">Loading the framework for editing…</p>
          <Button onClick={onCancel}>Cancel</Button>
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save(draft);
          }}
        >
          <fieldset className="editor-group">
            <legend>Framework</legend>
            <div className="editor-field">
              <label htmlFor={`${id}-name`}>Framework name</label>
              <input
                id={`${id}-name`}
                type="text"
                value={draft.name}
                maxLength={300}
                autoComplete="off"
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            </div>
            <div className="editor-field">
              <label htmlFor={`${id}-description`}>Description</label>
              <textarea
                id={`${id}-description`}
                rows={3}
                value={draft.description}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              />
            </div>
          </fieldset>
          <DimensionsEditor draft={draft} onChange={setDraft} />
          <OutcomesEditor draft={draft} onChange={setDraft} />
          <OutcomeRulesEditor draft={draft} onChange={setDraft} />
          <UnitsEditor draft={draft} onChange={setDraft} />
          <PeriodsEditor draft={draft} onChange={setDraft} />
          <div className="button-row editor-actions">
            <Button type="submit" className="button">
              Save framework
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
            {refusal && <p className="field-problem editor-refusal">{refusal}</p>}
          </div>
        </form>
      )}
    </section>
  );
}
