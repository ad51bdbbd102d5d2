// Which screen the main area shows for the open project.
import type { ProjectSummary, SearchHit } from '../../../electron/api/contract';
import { useCallback, useState } from 'react';
import { DocumentsScreen, INITIAL_DOCUMENTS_VIEW, type DocumentsView } from '../documents/DocumentsScreen';
import { useImporter } from '../documents/ImportPanel';
import { CodingScreen } from '../coding/CodingScreen';
import { Reader } from '../documents/Reader';
import { FrameworkScreen } from '../framework/FrameworkScreen';
import type { SearchRequest } from '../search/request';
import { SearchScreen } from '../search/SearchScreen';
import { ReferencesScreen } from '../references/ReferencesScreen';
import { MemosScreen } from '../memos/MemosScreen';
import { TeamScreen } from '../screens/TeamScreen';
import { ExchangeScreen } from '../exchange/ExchangeScreen';
import type { Place } from './navigation';
import type { SearchState } from './search-state';

interface Props {
  place: Place;
  project: ProjectSummary;
  search: SearchState | null;
  onNavigate(place: Place): void;
  onSearchChange(request: SearchRequest): void;
  onProjectChanged(): void;
}

export function ProjectScreens({ place, project, search, onNavigate, onSearchChange, onProjectChanged }: Props) {
  // Kept here, per project: sorting and filters survive a visit to the reader.
  const [documentsView, setDocumentsView] = useState<DocumentsView>(INITIAL_DOCUMENTS_VIEW);
  const [listVersion, setListVersion] = useState(0);
  const importer = useImporter(
    useCallback(() => {
      setListVersion((v) => v + 1);
      onProjectChanged();
    }, [onProjectChanged]),
  );
  switch (place.screen) {
    case 'documents':
      return (
        <DocumentsScreen
          importer={importer}
          listVersion={listVersion}
          view={documentsView}
          onViewChange={setDocumentsView}
          trashed={place.trashed}
          returnTo={place.returnTo}
          onOpen={(row) => onNavigate({ screen: 'reader', target: { documentId: row.id }, from: 'documents' })}
          onProjectChanged={onProjectChanged}
        />
      );
    case 'reader':
      return (
        <Reader
          key={`${place.target.documentId}:${place.target.offset ?? ''}`}
          target={place.target}
          from={place.from}
          onBack={() =>
            onNavigate(
              place.from === 'search'
                ? { screen: 'search' }
                : place.from === 'documents'
                  ? { screen: 'documents', returnTo: place.target.documentId }
                  : { screen: place.from },
            )
          }
          onTrashed={(row) => onNavigate({ screen: 'documents', trashed: row })}
          onProjectChanged={onProjectChanged}
        />
      );
    case 'search':
      if (!search) return null;
      return (
        <SearchScreen
          request={search.request}
          result={search.result}
          searching={search.searching}
          onChange={onSearchChange}
          onOpen={(hit: SearchHit, terms: string[]) => {
            if (!hit.documentId) return;
            onNavigate({ screen: 'reader', target: { documentId: hit.documentId, terms, offset: hit.offset }, from: 'search' });
          }}
        />
      );
    case 'coding':
      return (
        <CodingScreen
          onOpenExcerpt={(e) =>
            onNavigate({ screen: 'reader', target: { documentId: e.documentId, offset: e.start, excerptId: e.id }, from: 'coding' })
          }
          onProjectChanged={onProjectChanged}
        />
      );
    case 'framework':
      return (
        <FrameworkScreen
          onProjectChanged={onProjectChanged}
          onOpenExcerpt={(e) =>
            onNavigate({ screen: 'reader', target: { documentId: e.documentId, offset: e.start, excerptId: e.id }, from: 'framework' })
          }
        />
      );
    case 'references':
      return <ReferencesScreen onProjectChanged={onProjectChanged} />;
    case 'memos':
      return <MemosScreen onProjectChanged={onProjectChanged} />;
    case 'team':
      return <TeamScreen project={project} onProjectChanged={onProjectChanged} />;
    case 'exchange':
      return <ExchangeScreen onProjectChanged={onProjectChanged} />;
  }
}
