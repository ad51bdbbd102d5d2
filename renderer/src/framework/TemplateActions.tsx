// Moving a framework in and out of the project as template JSON: to share it with colleagues,
// keep it with a study's data, or start a project from someone else's framework.
import type { ChangeEvent } from 'react';
import type { Framework } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { downloadText } from './download';

interface Props {
  /** False when the project has no framework yet: there is nothing to export. */
  canExport: boolean;
  onImported(framework: Framework): void;
  onExported(fileName: string): void;
}

export function TemplateActions({ canExport, onImported, onExported }: Props) {
  const { busy, run } = useWork();

  const exportTemplate = () =>
    run(async () => {
      const template = await api.call('framework.exportTemplate', {});
      downloadText(template.fileName, template.json);
      onExported(template.fileName);
    });

  function importTemplate(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      try {
        // The host checks the template and installs it whole or not at all.
        onImported(await api.call('framework.importTemplate', { json: await file.text() }));
      } finally {
        // So choosing the same file again (after fixing it) fires another change.
        input.value = '';
      }
    });
  }

  return (
    <div className="button-row template-actions">
      <Button disabled={!canExport} onClick={() => void exportTemplate()}>
        Export template
      </Button>
      {/* A real file input named by its label, styled as a button; it stays keyboard-focusable. */}
      <label className={busy ? 'button file-button busy' : 'button file-button'}>
        Import template
        {/* Like Button: refused while busy without `disabled`, which would drop keyboard focus. */}
        <input
          type="file"
          className="visually-hidden"
          accept=".json,application/json"
          aria-disabled={busy || undefined}
          onClick={(event) => {
            if (busy) event.preventDefault();
          }}
          onChange={importTemplate}
        />
      </label>
    </div>
  );
}
