// Draws the host's RenderedMemo with React elements only: the model holds plain text with
// formatting flags, so nothing in a reference title or a quoted excerpt can become markup here.
// Links are shown as text with their address in a tooltip: the app never navigates away.
import type { ReactNode } from 'react';
import type { Block, Inline, RenderedMemo, Run } from '../../../electron/api/contract';

interface Notes {
  memo: RenderedMemo;
  /** Cluster index to its note number, for clusters with formatted text (note styles). */
  numbers: Map<number, number>;
}

function RunView({ run }: { run: Run }) {
  let node: ReactNode = run.text;
  if (run.code) node = <code>{node}</code>;
  if (run.smallCaps) node = <span className="small-caps">{node}</span>;
  if (run.italic) node = <em>{node}</em>;
  if (run.bold) node = <strong>{node}</strong>;
  if (run.sup) node = <sup>{node}</sup>;
  if (run.sub) node = <sub>{node}</sub>;
  if (run.href)
    node = (
      <span className="memo-link" title={run.href}>
        {node}
      </span>
    );
  return <>{node}</>;
}

export function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((r, i) => (
        <RunView key={i} run={r} />
      ))}
    </>
  );
}

function Unresolved({ keys }: { keys: string[] }) {
  return (
    <span className="unresolved" title="No reference or interview has this key">
      [{keys.map((k) => `@${k}`).join('; ')}]
    </span>
  );
}

function Citation({ index, notes }: { index: number; notes: Notes }) {
  const cluster = notes.memo.clusters[index];
  if (!cluster) return null;
  const number = notes.numbers.get(index);
  return (
    <>
      {cluster.formatted.length > 0 &&
        (notes.memo.noteStyle ? (
          <sup className="note-ref">
            <span className="visually-hidden">Note </span>
            {number}
          </sup>
        ) : (
          <Runs runs={cluster.formatted} />
        ))}
      {cluster.unresolved.length > 0 && <Unresolved keys={cluster.unresolved} />}
    </>
  );
}

function Inlines({ content, notes }: { content: Inline[]; notes: Notes }) {
  return (
    <>
      {content.map((x, i) =>
        'cite' in x ? <Citation key={i} index={x.cite} notes={notes} /> : 'br' in x ? <br key={i} /> : <RunView key={i} run={x} />,
      )}
    </>
  );
}

// The memo's own headings sit under its title (h4): "#" becomes h5, deeper ones h6.
const HEADINGS = ['h5', 'h6', 'h6', 'h6', 'h6', 'h6'] as const;

function BlockView({ block, notes }: { block: Block; notes: Notes }) {
  switch (block.type) {
    case 'heading': {
      const H = HEADINGS[block.level - 1] ?? 'h6';
      return (
        <H className={`memo-h${block.level}`}>
          <Inlines content={block.content} notes={notes} />
        </H>
      );
    }
    case 'paragraph':
      return (
        <p>
          <Inlines content={block.content} notes={notes} />
        </p>
      );
    case 'quote':
      return (
        <blockquote>
          <Blocks blocks={block.blocks} notes={notes} />
        </blockquote>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <Blocks blocks={item} notes={notes} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className="table-scroll">
          <table className="data-table memo-table">
            {block.caption && (
              <caption>
                <Inlines content={block.caption} notes={notes} />
              </caption>
            )}
            <thead>
              {block.header.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <th key={c} scope="col">
                      <Inlines content={cell} notes={notes} />
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>
                      <Inlines content={cell} notes={notes} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr />;
  }
}

function Blocks({ blocks, notes }: { blocks: Block[]; notes: Notes }) {
  return (
    <>
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} notes={notes} />
      ))}
    </>
  );
}

/** Notes are numbered over the clusters that have text, so an unresolved one takes no number. */
function noteNumbers(memo: RenderedMemo): Map<number, number> {
  const numbers = new Map<number, number>();
  memo.clusters.forEach((c, i) => {
    if (c.formatted.length) numbers.set(i, numbers.size + 1);
  });
  return numbers;
}

export function MemoPreview({ memo }: { memo: RenderedMemo }) {
  const notes: Notes = { memo, numbers: noteNumbers(memo) };
  const noted = memo.noteStyle ? memo.clusters.filter((c) => c.formatted.length) : [];
  return (
    <article className="memo-preview-body">
      {memo.unresolved.length > 0 && (
        <p className="notice memo-unresolved">
          Unresolved citation keys: {memo.unresolved.join(', ')}. Add them to References, or check the spelling.
        </p>
      )}
      {memo.title && <h4 className="memo-preview-title">{memo.title}</h4>}
      <Blocks blocks={memo.blocks} notes={notes} />
      {noted.length > 0 && (
        <section aria-label="Notes" className="memo-notes">
          <h5>Notes</h5>
          <ol>
            {noted.map((c, i) => (
              <li key={i}>
                <Runs runs={c.formatted} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {memo.bibliography.length > 0 && (
        <section aria-label="Bibliography" className="memo-bibliography">
          <h5>{memo.noteStyle ? 'Bibliography' : 'References'}</h5>
          {memo.bibliography.map((entry, i) => (
            <p key={i} className="bib-entry">
              <Runs runs={entry} />
            </p>
          ))}
        </section>
      )}
    </article>
  );
}
