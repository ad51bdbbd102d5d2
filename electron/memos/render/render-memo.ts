// From a memo's Markdown to the RenderedMemo every writer and the preview use: parse, expand
// live blocks from the project's data, number the citation clusters in reading order, format
// them with citeproc-js in the chosen style, and apply the redaction list for exports.
import { getFramework, type Framework } from '../../framework/framework-service.js';
import type { Project } from '../../project/project.js';
import type { CslItem } from '../../references/formats/csl.js';
import { formatCitations, type Cite, type StyleName } from '../cite.js';
import { loadCitables } from './citables.js';
import { citeprocHtmlToRuns } from './citeproc-runs.js';
import { expandLive, liveBlockOverLimit, MAX_LIVE_BLOCKS, type LiveContext } from './live-blocks.js';
import type { Block, CitedItem, Cluster, Inline, RenderedMemo } from './model.js';
import { parseMarkdown } from './parse-markdown.js';
import { redactMemo } from './redact.js';

export interface RenderOptions {
  title: string;
  body: string;
  style?: StyleName;
  /** Exports pass the redaction list; the in-app preview shows everything. */
  redact?: string[];
}

/** Visits every inline list in reading order (captions before their table, notes in cells). */
function eachInlines(blocks: Block[], visit: (xs: Inline[]) => void): void {
  for (const b of blocks) {
    if (b.type === 'heading' || b.type === 'paragraph') visit(b.content);
    else if (b.type === 'quote') eachInlines(b.blocks, visit);
    else if (b.type === 'list') for (const item of b.items) eachInlines(item, visit);
    else if (b.type === 'table') {
      if (b.caption) visit(b.caption);
      for (const row of [...b.header, ...b.rows]) for (const c of row) visit(c);
    }
  }
}

/**
 * Notes sit after punctuation with no space before them, as Pandoc places them: "text [@a]."
 * reads "text.¹". In-text citations keep (or get) one space before them.
 */
function placeCitations(blocks: Block[], noteStyle: boolean): void {
  eachInlines(blocks, (xs) => {
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if (!('cite' in x)) continue;
      const before = xs[i - 1];
      const after = xs[i + 1];
      if (noteStyle) {
        if (before && 'text' in before) before.text = before.text.replace(/\s+$/, '');
        const punct = after && 'text' in after && !after.code ? /^[.,;:!?]+/.exec(after.text) : null;
        if (punct && before && 'text' in before && !before.code && !before.href) {
          before.text += punct[0];
          (after as { text: string }).text = (after as { text: string }).text.slice(punct[0].length);
        } else if (punct) {
          xs.splice(i, 0, { text: punct[0] });
          (after as { text: string }).text = (after as { text: string }).text.slice(punct[0].length);
          i++;
        }
      } else if (before && 'text' in before && !/[\s(]$/.test(before.text)) {
        xs.splice(i, 0, { text: ' ' });
        i++;
      }
    }
    // Runs emptied by the moves above.
    for (let i = xs.length - 1; i >= 0; i--) {
      const x = xs[i]!;
      if ('text' in x && !x.text) xs.splice(i, 1);
    }
  });
}

export function renderMemo(project: Project, opts: RenderOptions): RenderedMemo {
  const style = opts.style ?? 'chicago';
  const citables = loadCitables(project);
  const pool: Cite[][] = [];
  const register = (cites: Cite[]) => pool.push(cites) - 1;
  let framework: Framework | undefined;
  let tables = 0;
  const ctx: LiveContext = {
    project,
    framework: () => (framework ??= getFramework(project)),
    citables,
    cluster: register,
    nextTable: () => ++tables,
  };
  let live = 0;
  const blocks = parseMarkdown(opts.body, (cites) => register(cites)).flatMap((b) =>
    b.type !== 'live' ? [b] : ++live > MAX_LIVE_BLOCKS ? liveBlockOverLimit(b) : expandLive(ctx, b),
  );

  // Live blocks register their clusters after the text's: renumber in reading order.
  const order: Cite[][] = [];
  eachInlines(blocks, (xs) => {
    for (const x of xs) if ('cite' in x) x.cite = order.push(pool[x.cite]!) - 1;
  });

  const known = (c: Cite) => citables.items.has(c.id);
  const usedKeys = [
    ...new Set(
      order
        .flat()
        .filter(known)
        .map((c) => c.id),
    ),
  ];
  const items: CslItem[] = usedKeys.map((k) => citables.items.get(k)!);
  const resolvable = order.map((cites) => cites.filter(known));
  const formatted = formatCitations(
    items,
    resolvable.filter((c) => c.length),
    style,
    'html',
  );
  let next = 0;
  const clusters: Cluster[] = order.map((cites, i) => ({
    cites,
    formatted: resolvable[i]!.length ? citeprocHtmlToRuns(formatted.citations[next++] ?? '') : [],
    unresolved: cites.filter((c) => !known(c)).map((c) => c.id),
  }));
  const cited: CitedItem[] = usedKeys.map((key) => ({
    key,
    kind: citables.kind.get(key)!,
    label: String(citables.items.get(key)!.title ?? key),
  }));

  placeCitations(blocks, formatted.noteStyle);
  const memo: RenderedMemo = {
    title: opts.title,
    style,
    noteStyle: formatted.noteStyle,
    blocks,
    clusters,
    bibliography: formatted.bibliography.map(citeprocHtmlToRuns),
    items,
    cited,
    unresolved: [...new Set(clusters.flatMap((c) => c.unresolved))],
    redactions: [],
  };
  return opts.redact?.length ? redactMemo(memo, opts.redact) : memo;
}
