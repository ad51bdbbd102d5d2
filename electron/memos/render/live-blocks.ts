// Live blocks: a line like {{matrix view=consensus}} in a memo stands for a table or quotation
// built from the project's data each time the memo is shown or exported, so the memo never
// drifts from the judgements it reports. A block that cannot be built says why in its place.
import { listAssessments } from '../../coding/assessments-service.js';
import { getExcerpt } from '../../coding/excerpts-service.js';
import { computeMatrix, matrixTable } from '../../coding/matrix.js';
import type { MatrixView } from '../../coding/types.js';
import type { Framework, Period, Unit } from '../../framework/framework-service.js';
import { buildOutcomeView, dimensionWord } from '../../framework/outcome-grid.js';
import type { Project } from '../../project/project.js';
import type { Cite } from '../cite.js';
import type { CitableIndex } from './citables.js';
import type { Block, Inline, Run } from './model.js';
import type { LiveBlock } from './parse-markdown.js';

export interface LiveContext {
  project: Project;
  framework: () => Framework;
  citables: CitableIndex;
  /** Registers a citation cluster the block generates; answers its index. */
  cluster(cites: Cite[]): number;
  /** Numbers the memo's tables in order: Table 1, Table 2, … */
  nextTable(): number;
}

export const LIVE_BLOCKS = ['outcomes', 'matrix', 'excerpt', 'evidence'] as const;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const cell = (text: string): Inline[] => [{ text }];
const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase().trim();

function problem(raw: string, why: string): Block[] {
  return [{ type: 'paragraph', content: [{ text: `[${raw.trim()}: ${why}]`, bold: true }] }];
}

function caption(ctx: LiveContext, args: Record<string, string>, fallback: string): Inline[] {
  return [{ text: `Table ${ctx.nextTable()}. ${args.caption?.trim() || fallback}` }];
}

function outcomes(ctx: LiveContext, args: Record<string, string>): Block[] {
  const fw = ctx.framework();
  const view = buildOutcomeView(fw);
  const title = caption(ctx, args, `${fw.name}: outcomes`);
  if (view.kind === 'grid') {
    return [
      {
        type: 'table',
        caption: title,
        header: [[cell(''), ...view.columns.map((c) => cell(cap(c.label)))]],
        rows: view.rows.map((r) => [cell(cap(r.heading.label)), ...r.cells.map((o) => cell(o ? cap(o.name) : '—'))]),
      },
    ];
  }
  return [
    {
      type: 'table',
      caption: title,
      header: [[...fw.dimensions.map((d) => cell(cap(d.name))), cell('Outcome')]],
      rows: view.rules.map((r) => [
        ...r.levels.map((l) => cell(l.level ? `${l.level.name} ${dimensionWord(l.dimension.name)}` : '—')),
        cell(r.outcome ? cap(r.outcome.name) : '—'),
      ]),
    },
  ];
}

function coderView(ctx: LiveContext, args: Record<string, string>): { view: MatrixView; label: string } | string {
  if (args.coder) {
    const coders = ctx.project.db.prepare('SELECT id, name FROM coders WHERE deleted = 0').all() as { id: string; name: string }[];
    const c = coders.find((x) => x.id === args.coder || fold(x.name) === fold(args.coder!));
    return c ? { view: { kind: 'coder', coderId: c.id }, label: c.name } : `no coder called "${args.coder}"`;
  }
  // Without a view: the team's consensus once there is one, else every coder's judgements.
  const hasConsensus = !!ctx.project.db.prepare('SELECT 1 FROM assessments WHERE consensus = 1 AND deleted = 0 LIMIT 1').get();
  const v = args.view ?? (hasConsensus ? 'consensus' : 'pooled');
  if (v === 'consensus') return { view: { kind: 'consensus' }, label: 'consensus' };
  if (v === 'pooled' || v === 'all') return { view: { kind: 'pooled' }, label: 'all coders' };
  return `view must be consensus or pooled, not "${v}"`;
}

/** Matrix tables computed during one render, by view: a memo may show the same view again. */
const matrices = new WeakMap<LiveContext, Map<string, string[][]>>();

function matrix(ctx: LiveContext, args: Record<string, string>, raw: string): Block[] {
  const v = coderView(ctx, args);
  if (typeof v === 'string') return problem(raw, v);
  const fw = ctx.framework();
  const cache = matrices.get(ctx) ?? matrices.set(ctx, new Map()).get(ctx)!;
  const key = JSON.stringify(v.view);
  let table = cache.get(key);
  if (!table) cache.set(key, (table = matrixTable(ctx.project, computeMatrix(ctx.project, v.view))));
  const [header, ...rows] = table;
  const show = (s: string) => (s === 'missing' ? '—' : cap(s));
  return [
    {
      type: 'table',
      caption: caption(ctx, args, `${fw.name} by unit and period (${v.label})`),
      header: [[cell(args.corner ?? ''), ...header!.slice(1).map(cell)]],
      rows: rows.map(([unit, ...cells]) => [cell(unit!), ...cells.map((c) => cell(show(c)))]),
    },
  ];
}

/** How an excerpt is cited: its interview by role, or the reference its document is the text of. */
function sourceCite(ctx: LiveContext, documentId: string): Cite | null {
  const key = ctx.citables.interviewKey.get(documentId) ?? ctx.citables.documentReferenceKey.get(documentId);
  return key ? { id: key } : null;
}

function quoteRuns(ctx: LiveContext, excerptId: string): Inline[] | string {
  let ex;
  try {
    ex = getExcerpt(ctx.project, excerptId);
  } catch {
    return 'no such excerpt';
  }
  const cite = sourceCite(ctx, ex.documentId);
  const isInterview = ctx.citables.interviewKey.has(ex.documentId);
  const text: Run = { text: `“${ex.text.trim()}”` };
  if (cite) return [text, { cite: ctx.cluster([cite]) }];
  // A document that is neither an interview nor a reference's text is named by its title;
  // an interview never is (titles sometimes hold names).
  return isInterview ? [text] : [text, { text: ` (${ex.documentTitle})` }];
}

function excerpt(ctx: LiveContext, args: Record<string, string>, raw: string): Block[] {
  if (!args.id) return problem(raw, 'say which excerpt: {{excerpt id=…}}');
  const runs = quoteRuns(ctx, args.id);
  if (typeof runs === 'string') return problem(raw, runs);
  return [{ type: 'quote', blocks: [{ type: 'paragraph', content: runs }] }];
}

function findUnit(fw: Framework, name: string): Unit | undefined {
  const n = fold(name);
  return fw.units.find((u) => u.id === name || fold(u.name) === n || fold(u.key) === n || u.aliases.some((a) => fold(a) === n));
}
function findPeriod(fw: Framework, name: string): Period | undefined {
  const n = fold(name).replace(/[–—]/g, '-');
  return fw.periods.find((p) => p.id === name || fold(p.name).replace(/[–—]/g, '-') === n);
}

/** "p. 24" -> page 24; "section 3" -> section 3; anything else is kept as the cite's suffix. */
function locatorCite(key: string, locator: string): Cite {
  const l = locator.trim();
  if (!l) return { id: key };
  const m = /^(?:(pp?\.?|pages?)|(sec\.?|sections?|§)|(ch\.?|chapters?))\s*(.+)$/i.exec(l);
  if (m) return { id: key, locator: m[4]!, label: m[2] ? 'section' : m[3] ? 'chapter' : 'page' };
  if (/^\d[\d\s–,-]*$/.test(l)) return { id: key, locator: l, label: 'page' };
  return { id: key, suffix: l };
}

function evidence(ctx: LiveContext, args: Record<string, string>, raw: string): Block[] {
  const fw = ctx.framework();
  const unit = args.unit ? findUnit(fw, args.unit) : undefined;
  const period = args.period ? findPeriod(fw, args.period) : undefined;
  if (!unit) return problem(raw, args.unit ? `no unit called "${args.unit}"` : 'say which unit: unit="…"');
  if (!period) return problem(raw, args.period ? `no period called "${args.period}"` : 'say which period: period="…"');
  const v = coderView(ctx, { ...args, view: args.view ?? 'pooled' });
  if (typeof v === 'string') return problem(raw, v);
  const dimension = args.dimension
    ? fw.dimensions.find((d) => d.id === args.dimension || fold(d.name) === fold(args.dimension!))
    : undefined;
  if (args.dimension && !dimension) return problem(raw, `no dimension called "${args.dimension}"`);

  const assessments = listAssessments(ctx.project, { unitId: unit.id, periodId: period.id }).filter(
    (a) =>
      (!dimension || a.dimensionId === dimension.id) &&
      (v.view.kind === 'pooled' || (v.view.kind === 'consensus' ? a.consensus : a.assessorId === v.view.coderId && !a.consensus)),
  );
  const levelName = new Map(fw.dimensions.flatMap((d) => d.levels.map((l) => [l.id, `${l.name} ${dimensionWord(d.name)}`] as const)));
  const items: Block[][] = [];
  for (const a of assessments) {
    for (const e of a.evidence) {
      const lead: Inline[] = [{ text: cap(levelName.get(a.levelId) ?? ''), bold: true }, { text: ': ' }];
      let body: Inline[] | string;
      if (e.excerptId) body = quoteRuns(ctx, e.excerptId);
      else {
        const key = ctx.project.db.prepare('SELECT citation_key AS k FROM refs WHERE id = ? AND deleted = 0').get(e.referenceId) as
          { k: string } | undefined;
        body = key ? [{ text: e.note.trim() || 'see' }, { cite: ctx.cluster([locatorCite(key.k, e.locator)]) }] : 'a deleted reference';
      }
      if (typeof body === 'string') continue;
      items.push([{ type: 'paragraph', content: [...lead, ...body] }]);
    }
  }
  const intro: Block = {
    type: 'paragraph',
    content: [{ text: `Evidence for ${unit.name}, ${period.name}${dimension ? `, ${dimension.name}` : ''} (${v.label})`, italic: true }],
  };
  if (!items.length) return [intro, { type: 'paragraph', content: [{ text: 'No evidence recorded.' }] }];
  return [intro, { type: 'list', ordered: false, items }];
}

/**
 * Live blocks one memo may hold: each reads the project (a matrix, an excerpt, a cell's evidence)
 * every time the memo is shown, and a file repeating one 25,000 times took 25 s to show (issue 8).
 * Blocks beyond this say so in place.
 */
export const MAX_LIVE_BLOCKS = 200;

/** A live block beyond MAX_LIVE_BLOCKS, in place of its content. */
export function liveBlockOverLimit(block: LiveBlock): Block[] {
  return problem(block.raw, `a memo may hold at most ${MAX_LIVE_BLOCKS} live blocks; this one is not built`);
}

export function expandLive(ctx: LiveContext, block: LiveBlock): Block[] {
  try {
    switch (block.name) {
      case 'outcomes':
        return outcomes(ctx, block.args);
      case 'matrix':
        return matrix(ctx, block.args, block.raw);
      case 'excerpt':
        return excerpt(ctx, block.args, block.raw);
      case 'evidence':
        return evidence(ctx, block.args, block.raw);
      default:
        return problem(block.raw, `unknown block; use one of ${LIVE_BLOCKS.join(', ')}`);
    }
  } catch (e) {
    // No framework yet, for instance: the memo still renders.
    return problem(block.raw, e instanceof Error ? e.message : String(e));
  }
}
