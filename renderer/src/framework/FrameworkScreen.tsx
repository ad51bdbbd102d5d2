// The project's analytical framework: its dimensions, the outcome each combination of levels
// gives, the units of analysis and the periods, and the template import/export.
import { useEffect, useState } from 'react';
import type { Excerpt, Framework } from '../../../electron/api/contract';
import { api, ApiError } from '../api/client';
import { useWork } from '../app/work';
import { Button } from '../app/Button';
import { MatrixSection } from '../matrix/MatrixSection';
import { DimensionList } from './DimensionList';
import { FrameworkEditor } from './editor/FrameworkEditor';
import { OutcomeTable } from './OutcomeTable';
import { PeriodsTable } from './PeriodsTable';
import { TemplateActions } from './TemplateActions';
import { UnitsTable } from './UnitsTable';

type Loaded = { state: 'loading' } | { state: 'ready'; framework: Framework } | { state: 'missing'; message: string } | { state: 'failed' };

interface Props {
  /** The import also brings the template's codes, so the project's counts change. */
  onProjectChanged(): void;
  /** Evidence in the matrix opens the reader at its excerpt. */
  onOpenExcerpt(excerpt: Excerpt): void;
}

export function FrameworkScreen({ onProjectChanged, onOpenExcerpt }: Props) {
  const { run } = useWork();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    let current = true;
    void run(async () => {
      try {
        const framework = await api.call('framework.get', {});
        if (current) setLoaded({ state: 'ready', framework });
      } catch (err) {
        if (!current) return;
        // A project without a framework is a normal state, not an error: say so and offer the import.
        if (err instanceof ApiError && err.code === 'not_found') {
          setLoaded({ state: 'missing', message: err.message });
          return;
        }
        setLoaded({ state: 'failed' });
        throw err;
      }
    });
    return () => {
      current = false;
    };
  }, [run]);

  function imported(framework: Framework) {
    setLoaded({ state: 'ready', framework });
    setStatus(`Imported the framework “${framework.name}”.`);
    onProjectChanged();
  }

  return (
    <div className="framework-screen">
      <h2>Framework</h2>
      {loaded.state === 'loading' && <p className="quiet">Loading the framework…</p>}
      {loaded.state === 'missing' && <p>{loaded.message}</p>}
      {loaded.state === 'failed' && <p className="quiet">The framework could not be loaded.</p>}
      {loaded.state === 'ready' && (
        <div className="framework-intro">
          <p className="framework-name">{loaded.framework.name}</p>
          {loaded.framework.description && <p>{loaded.framework.description}</p>}
        </div>
      )}
      <TemplateActions
        canExport={loaded.state === 'ready'}
        onImported={imported}
        onExported={(fileName) => setStatus(`Exported the framework as ${fileName}.`)}
      />
      {loaded.state === 'ready' && !editing && (
        <Button
          onClick={() => {
            setStatus('');
            setEditing(true);
          }}
        >
          Edit framework
        </Button>
      )}
      <p role="status" className="status">
        {status}
      </p>
      {editing && (
        <FrameworkEditor
          onCancel={() => setEditing(false)}
          onSaved={(framework) => {
            setLoaded({ state: 'ready', framework });
            setEditing(false);
            setStatus(`Saved the framework “${framework.name}”.`);
            onProjectChanged();
          }}
        />
      )}
      {loaded.state === 'ready' && <MatrixSection framework={loaded.framework} onOpenExcerpt={onOpenExcerpt} />}
      {loaded.state === 'ready' && (
        <>
          <DimensionList dimensions={loaded.framework.dimensions} />
          <OutcomeTable framework={loaded.framework} />
          <UnitsTable units={loaded.framework.units} />
          <PeriodsTable periods={loaded.framework.periods} />
        </>
      )}
    </div>
  );
}
