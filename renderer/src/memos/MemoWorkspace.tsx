// One memo open: its title and Markdown on the left with the tools that act on it, the live
// preview on the right. Every edit goes to autosave; the preview follows the text as typed.
import { useEffect, useId, useRef, useState } from 'react';
import type { Citable, Memo, MemoVersion } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { BodyEditor } from './BodyEditor';
import { usePlaceCaret } from './usePlaceCaret';
import { insertOnOwnLine } from './directives';
import { ExportDialog } from './ExportDialog';
import { InsertToolbar } from './InsertToolbar';
import { MemoPreview } from './MemoPreview';
import { SaveState } from './SaveState';
import { notSaved, type Autosave } from './useAutosave';
import { usePreview, type MemoStyle } from './usePreview';
import { VersionHistory } from './VersionHistory';

interface Props {
  memo: Memo;
  autosave: Autosave;
  style: MemoStyle;
  onStyleChange(style: MemoStyle): void;
  /** A memo just made: its title is selected, ready to be typed over. */
  fresh: boolean;
  /** With the title as typed, which may be newer than the memo's. */
  onTrash(title: string): void;
  /** The memo changed outside autosave (a restored version). */
  onReplaced(memo: Memo): void;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function MemoWorkspace({ memo, autosave, style, onStyleChange, fresh, onTrash, onReplaced }: Props) {
  const id = useId();
  const { run } = useWork();
  const [title, setTitle] = useState(memo.title);
  const [body, setBody] = useState(memo.body);
  const [citables, setCitables] = useState<Citable[]>([]);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [versionsReload, setVersionsReload] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [status, setStatus] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const placeCaret = usePlaceCaret(area);
  const titleInput = useRef<HTMLInputElement>(null);
  const preview = usePreview(title, body, style);

  useEffect(() => {
    // Without the list the editor still works; citations are typed by hand.
    api.call('memos.citables', {}).then(setCitables, () => setCitables([]));
  }, []);

  useEffect(() => {
    if (!fresh) return;
    titleInput.current?.focus();
    titleInput.current?.select();
  }, [fresh]);

  function edit(next: { title?: string; body?: string }) {
    const draft = { id: memo.id, title: next.title ?? title, body: next.body ?? body };
    if (next.title !== undefined) setTitle(next.title);
    if (next.body !== undefined) setBody(next.body);
    autosave.change(draft);
  }

  function insert(line: string) {
    const el = area.current;
    const next = insertOnOwnLine(body, el?.selectionStart ?? body.length, el?.selectionEnd ?? body.length, line);
    edit({ body: next.text });
    placeCaret(next.caret);
  }

  const saveVersion = () =>
    run(async () => {
      if (!(await autosave.flush())) throw notSaved();
      await api.call('memos.save', { id: memo.id, body, ...(title.trim() ? { title } : {}), version: true });
      setVersionsReload((n) => n + 1);
      setStatus('Saved a version.');
    });

  const restore = (v: MemoVersion) =>
    run(async () => {
      if (!(await autosave.flush())) throw notSaved();
      const restored = await api.call('memos.restoreVersion', { id: v.id });
      autosave.discard();
      setTitle(restored.title);
      setBody(restored.body);
      onReplaced(restored);
      setVersionsReload((n) => n + 1);
      setStatus(`Restored the version of ${when(v.savedAt)}; the text before it is kept as a version.`);
    });

  return (
    <div className="memo-workspace">
      <div className="memo-editor-pane">
        <div className="memo-title-row">
          <label htmlFor={`${id}-title`}>Title</label>
          <input
            id={`${id}-title`}
            ref={titleInput}
            type="text"
            value={title}
            aria-describedby={title.trim() ? undefined : `${id}-title-problem`}
            onChange={(e) => edit({ title: e.target.value })}
            onBlur={() => void autosave.flush()}
          />
          <SaveState state={autosave.state} onRetry={() => void autosave.flush()} />
        </div>
        {!title.trim() && (
          <p id={`${id}-title-problem`} className="field-problem">
            A memo needs a title; the last one is kept until you type a new one.
          </p>
        )}
        <div className="button-row">
          <Button className="button small" onClick={() => void saveVersion()}>
            Save version
          </Button>
          <Button className="button small" aria-expanded={versionsOpen} onClick={() => setVersionsOpen((o) => !o)}>
            Versions
          </Button>
          <Button className="button small" aria-haspopup="dialog" onClick={() => setExporting(true)}>
            Export…
          </Button>
          <Button className="button small danger" onClick={() => onTrash(title.trim() || memo.title)}>
            Move to trash
          </Button>
        </div>
        <InsertToolbar onInsert={insert} />
        <BodyEditor
          area={area}
          value={body}
          citables={citables}
          onChange={(text) => edit({ body: text })}
          onBlur={() => void autosave.flush()}
        />
        <p role="status" className="status">
          {status}
        </p>
        {versionsOpen && <VersionHistory memoId={memo.id} reload={versionsReload} onRestore={restore} />}
      </div>
      <section aria-labelledby={`${id}-preview`} className="memo-preview-pane">
        <div className="section-head">
          <h3 id={`${id}-preview`}>Preview</h3>
          <label>
            Citation style{' '}
            <select value={style} onChange={(e) => onStyleChange(e.target.value as MemoStyle)}>
              <option value="chicago">Chicago (notes)</option>
              <option value="apa">APA (author-date)</option>
            </select>
          </label>
        </div>
        {preview.problem && <p className="quiet">The preview could not be updated: {preview.problem}</p>}
        {preview.memo ? <MemoPreview memo={preview.memo} /> : !preview.problem && <p className="quiet">Preparing the preview…</p>}
      </section>
      {exporting && <ExportDialog memoId={memo.id} style={style} flush={autosave.flush} onClose={() => setExporting(false)} />}
    </div>
  );
}
