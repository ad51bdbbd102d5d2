// Exchange: bringing a colleague's copy into this project, and the fields where the two of you
// disagreed. Its own screen, because the Team screen already holds the project's contents,
// its check, sharing and the code reports.
import { useRef, useState } from 'react';
import { ConflictsView } from './ConflictsView';
import { MergePanel } from './MergePanel';
import { RefiPanel } from './RefiPanel';
import './exchange.css';

export function ExchangeScreen({ onProjectChanged }: { onProjectChanged(): void }) {
  const [version, setVersion] = useState(0);
  const conflictsHeading = useRef<HTMLHeadingElement>(null);

  return (
    <div className="exchange-screen">
      <h2>Exchange</h2>
      <MergePanel
        onMerged={() => {
          setVersion((v) => v + 1);
          onProjectChanged();
        }}
        onShowConflicts={() => {
          conflictsHeading.current?.scrollIntoView({ block: 'start' });
          conflictsHeading.current?.focus();
        }}
      />
      <ConflictsView version={version} headingRef={conflictsHeading} onResolved={onProjectChanged} />
      <RefiPanel onImported={onProjectChanged} />
    </div>
  );
}
