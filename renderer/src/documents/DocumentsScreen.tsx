// Documents: import files or pasted text, and the project's documents as a table to sort,
// filter and open in the reader. The Trash shows deleted documents, each with "Restore".
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { DocumentRow } from '../../../electron/api/contract';
import { api } from '../api/client';
import { UndoStatus } from '../app/UndoStatus';
import { useWork } from '../app/work';
import { loadHiddenColumns, saveHiddenColumns, type ColumnId } from './columns';
import { ColumnsMenu } from './ColumnsMenu';
import { DocumentTable, INITIAL_TABLE_VIEW, type TableView } from './DocumentTable';
import { ImportPanel, type Importer } from './ImportPanel';

/** The screen's state that outlives a visit to the reader: trash or not, sorting, filters. */
export interface DocumentsView {
  trash: boolean;
  table: TableView;
}

export const INITIAL_DOCUMENTS_VIEW: DocumentsView = { trash: false, table: INITIAL_TABLE_VIEW };

interface Props {
  importer: Importer;
  /** Goes up when an import elsewhere (a batch that ran on while the screen was away) changed the list. */
  listVersion: number;
  view: DocumentsView;
  onViewChange(view: DocumentsView): void;
  /** A document the reader just moved to the trash: the screen offers "Undo". */
  trashed?: DocumentRow;
  /** The document the reader just showed, to focus in the list. */
  returnTo?: string;
  onOpen(row: DocumentRow): void;
  /** Imports, deletes and restores change the project's counts. */
  onProjectChanged(): void;
}

interface Status {
  text: string;
  undo?: DocumentRow;
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

export function DocumentsScreen({ importer, listVersion, view, onViewChange, trashed, returnTo, onOpen, onProjectChanged }: Props) {
  const { run } = useWork();
  const trash = view.trash;
  const setTrash = (next: boolean) => onViewChange({ ...view, trash: next });
  const [rows, setRows] = useState<DocumentRow[] | null>(null);
  const [reload, setReload] = useState(0);
  const [hidden, setHidden] = useState<ColumnId[]>(() => loadHiddenColumns());
  const [status, setStatus] = useState<Status | null>(trashed ? { text: `Moved “${trashed.title}” to the trash.`, undo: trashed } : null);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);

  useEffect(() => {
    let current = true;
    void run(async () => {
      const list = await api.call('documents.list', { trash });
      if (current) setRows(list);
    });
    return () => {
      current = false;
    };
  }, [run, trash, reload, listVersion]);

  const refresh = useCallback(() => {
    setReload((n) => n + 1);
    onProjectChanged();
  }, [onProjectChanged]);

  const restore = useCallback(
    (row: DocumentRow) => {
      void run(async () => {
        const restored = await api.call('documents.restore', { id: row.id });
        setStatus({ text: `Restored “${restored.title}”.` });
        refresh();
      });
    },
    [run, refresh],
  );

  function changeHidden(next: ColumnId[]) {
    setHidden(next);
    saveHiddenColumns(next);
  }

  // Files dropped anywhere on the screen import like files from the picker.
  function onDragEnter(event: DragEvent<HTMLDivElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth.current += 1;
    setDragging(true);
  }
  function onDragOver(event: DragEvent<HTMLDivElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = importer.progress ? 'none' : 'copy';
  }
  function onDragLeave(event: DragEvent<HTMLDivElement>) {
    if (!hasFiles(event)) return;
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  }
  function onDrop(event: DragEvent<HTMLDivElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    if (trash) {
      setRows(null);
      setTrash(false);
    }
    importer.start(Array.from(event.dataTransfer.files));
  }

  return (
    <div
      className={dragging ? 'documents-screen dragging' : 'documents-screen'}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <h2>Documents</h2>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files to import them
        </div>
      )}
      <ImportPanel importer={importer} onImported={refresh} />

      <UndoStatus className="status documents-status" text={status?.text} onUndo={status?.undo ? () => restore(status.undo!) : undefined} />

      <div className="table-toolbar">
        <button
          type="button"
          className="button"
          aria-pressed={trash}
          onClick={() => {
            setRows(null);
            setTrash(!trash);
          }}
        >
          Trash
        </button>
        <ColumnsMenu hidden={hidden} onChange={changeHidden} />
      </div>

      {rows === null ? (
        <p className="quiet">Loading documents…</p>
      ) : rows.length === 0 ? (
        <p className="quiet">
          {trash
            ? 'The trash is empty.'
            : 'No documents yet. Import interviews, field notes and sources with “Import files…”, or drop files here.'}
        </p>
      ) : (
        <DocumentTable
          rows={rows}
          trash={trash}
          hidden={hidden}
          view={view.table}
          onViewChange={(table) => onViewChange({ ...view, table })}
          focusId={returnTo}
          onOpen={onOpen}
          onRestore={restore}
        />
      )}
    </div>
  );
}
