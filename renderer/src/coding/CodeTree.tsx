// The codebook as a tree: colour, name and excerpt count per code. Clicking a code filters the
// excerpts; the chosen code can be renamed, moved, merged into another or deleted (with Undo).
import { useState, type FormEvent } from 'react';
import type { Code } from '../../../electron/api/contract';
import { api } from '../api/client';
import { Button } from '../app/Button';
import { useWork } from '../app/work';
import { CodeSwatch } from './CodePicker';

interface Props {
  codes: Code[];
  selectedId: string | null;
  onSelect(id: string | null): void;
  onChanged(status: { text: string; undo?: string[] }): void;
}

export interface TreeRow {
  code: Code;
  depth: number;
}

/** The codes in tree order (parents before children, siblings by sort order, then name). */
export function treeRows(codes: readonly Code[]): TreeRow[] {
  const children = new Map<string | null, Code[]>();
  const ids = new Set(codes.map((c) => c.id));
  for (const c of codes) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: TreeRow[] = [];
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
    for (const c of list) {
      out.push({ code: c, depth });
      visit(c.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** A code and everything under it, to keep out of its own "move to" choices. */
function descendants(codes: readonly Code[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of codes)
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
  }
  return out;
}

export function CodeTree({ codes, selectedId, onSelect, onChanged }: Props) {
  const { run } = useWork();
  const rows = treeRows(codes);
  const selected = codes.find((c) => c.id === selectedId) ?? null;
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [color, setColor] = useState('#1d5fa8');

  function create(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    void run(async () => {
      const code = await api.call('codes.create', { name, parentId: parent || null, color });
      setName('');
      onChanged({ text: `Created the code “${code.name}”.` });
    });
  }

  return (
    <section className="code-tree" aria-labelledby="codebook-heading">
      <h3 id="codebook-heading">Codebook</h3>
      <form className="code-create" aria-label="New code" onSubmit={create}>
        <label>
          Code name <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Parent{' '}
          <select value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">(top level)</option>
            {rows.map((r) => (
              <option key={r.code.id} value={r.code.id}>
                {'  '.repeat(r.depth)}
                {r.code.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <Button type="submit">Create code</Button>
      </form>
      <button type="button" className="button subtle small" aria-pressed={selectedId === null} onClick={() => onSelect(null)}>
        All codes
      </button>
      <ul className="code-list" aria-label="Codes">
        {rows.map(({ code, depth }) => (
          <li key={code.id} style={{ paddingLeft: `${depth * 1.1}rem` }}>
            <button
              type="button"
              className={code.id === selectedId ? 'code-item selected' : 'code-item'}
              aria-pressed={code.id === selectedId}
              onClick={() => onSelect(code.id === selectedId ? null : code.id)}
            >
              <CodeSwatch color={code.color} />
              <span className="code-name">{code.name}</span>
              <span className="code-count" aria-label={`${code.excerptCount} excerpts`}>
                {code.excerptCount}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {selected && <CodeEditor key={selected.id} code={selected} codes={codes} onChanged={onChanged} onGone={() => onSelect(null)} />}
    </section>
  );
}

function CodeEditor({ code, codes, onChanged, onGone }: { code: Code; codes: Code[]; onChanged: Props['onChanged']; onGone(): void }) {
  const { run } = useWork();
  const [name, setName] = useState(code.name);
  const [color, setColor] = useState(code.color || '#888888');
  const [parent, setParent] = useState(code.parentId ?? '');
  const [into, setInto] = useState('');
  const own = descendants(codes, code.id);
  const others = treeRows(codes).filter((r) => !own.has(r.code.id));

  return (
    <div className="code-editor" role="group" aria-label={`Edit ${code.name}`}>
      <h4>“{code.name}”</h4>
      <div className="form-row">
        <label>
          Rename <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Colour <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <Button
          className="button small"
          onClick={() =>
            void run(async () => {
              await api.call('codes.update', { id: code.id, patch: { name, color } });
              onChanged({ text: `Saved “${name}”.` });
            })
          }
        >
          Save
        </Button>
      </div>
      <div className="form-row">
        <label>
          Move under{' '}
          <select value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">(top level)</option>
            {others.map((r) => (
              <option key={r.code.id} value={r.code.id}>
                {r.code.name}
              </option>
            ))}
          </select>
        </label>
        <Button
          className="button small"
          onClick={() =>
            void run(async () => {
              await api.call('codes.update', { id: code.id, patch: { parentId: parent || null } });
              onChanged({ text: `Moved “${code.name}”.` });
            })
          }
        >
          Move
        </Button>
      </div>
      <div className="form-row">
        <label>
          Merge into…{' '}
          <select value={into} onChange={(e) => setInto(e.target.value)}>
            <option value="">(choose a code)</option>
            {codes
              .filter((c) => c.id !== code.id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </label>
        <Button
          className="button small"
          disabled={!into}
          onClick={() =>
            void run(async () => {
              const target = await api.call('codes.merge', { fromId: code.id, intoId: into });
              onGone();
              onChanged({ text: `Merged “${code.name}” into “${target.name}”.` });
            })
          }
        >
          Merge
        </Button>
      </div>
      <Button
        className="button danger small"
        onClick={() =>
          void run(async () => {
            const { ids } = await api.call('codes.delete', { id: code.id });
            onGone();
            onChanged({ text: `Deleted “${code.name}”${ids.length > 1 ? ` and ${ids.length - 1} sub-codes` : ''}.`, undo: ids });
          })
        }
      >
        Delete code
      </Button>
    </div>
  );
}
