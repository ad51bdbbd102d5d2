// The bench's output: a table with one column per size, each figure beside issue 7's target,
// and the JSON file in bench/results/ with the machine it ran on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../electron/core/paths.js';
import type { SizeName } from './sizes.js';
import type { SizeResult, TransportFigures } from './run-size.js';
import type { Summary } from './stats.js';

export interface Machine {
  cpu: string;
  cores: number;
  memGb: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine shows here. */
  loadAtStart: number[];
}

export function machineInfo(): Machine {
  return {
    cpu: cpus()[0]?.model ?? '',
    cores: cpus().length,
    memGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${release()}`,
    loadAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export const fmt = (n: number): string => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en'));

interface Cell {
  text: string;
  /** The figure the target is about, when there is one. */
  value?: number;
}

interface Target {
  text: string;
  ok(v: number): boolean;
  /** The sizes issue 7 sets it for. */
  sizes: SizeName[];
}

interface Row {
  label: string;
  get?: (r: SizeResult) => Cell | undefined;
  target?: Target;
}

const atMost = (n: number, sizes: SizeName[], unit = ''): Target => ({
  text: `≤ ${n.toLocaleString('en')}${unit}${sizes.length === 1 ? ` (${sizes[0]})` : ''}`,
  ok: (v) => v <= n,
  sizes,
});
const atLeast = (n: number, sizes: SizeName[], unit = ''): Target => ({
  text: `≥ ${n}${unit}${sizes.length === 1 ? ` (${sizes[0]})` : ''}`,
  ok: (v) => v >= n,
  sizes,
});

const ALL: SizeName[] = ['S', 'M', 'L'];

function transportRows(name: 'inProcess' | 'http', label: string): Row[] {
  const t = (r: SizeResult): TransportFigures => r[name];
  const p50 = (s: { p50: number }): Cell => ({ text: fmt(s.p50), value: s.p50 });
  return [
    { label: `— ${label} —` },
    {
      label: 'import: total ms (files)',
      get: (r) => ({ text: `${fmt(t(r).import.ms)} (${t(r).import.files})`, value: t(r).import.ms }),
      target: atMost(100, ['S']),
    },
    {
      label: 'import: MB/s (% of the limit)',
      get: (r) => {
        const pct = (100 * t(r).import.mbPerS) / r.physicalLimit.mbPerS;
        return { text: `${fmt(t(r).import.mbPerS)} (${pct.toFixed(0)}%)`, value: pct };
      },
      target: atLeast(40, ['L'], '%'),
    },
    {
      label: 'create excerpt: p50 / p95 / max ms',
      get: (r) => {
        const s = t(r).createExcerpt;
        return { text: `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.max)}`, value: s.p50 };
      },
      target: atMost(name === 'inProcess' ? 0.2 : 1, ALL),
    },
    {
      // Under every call: the transport's own cost, as create excerpt's p50 is read against it.
      label: '  an empty call (the transport alone): p50 / p95 ms',
      get: (r) => {
        const s = t(r).emptyCall; // absent from older results
        return s && { text: `${fmt(s.p50)} / ${fmt(s.p95)}` };
      },
    },
    ...(['Shortest', 'Longest'] as const).map((which): Row => ({
      label: `  on the ${which.toLowerCase()} document: p50 / p95 (words)`,
      get: (r) => {
        const s = t(r)[`createExcerpt${which}`];
        return { text: `${fmt(s.p50)} / ${fmt(s.p95)} (${s.words.toLocaleString('en')})`, value: s.p50 };
      },
      target: atMost(name === 'inProcess' ? 0.2 : 1, ALL),
    })),
    ...(['listOneCode', 'listAll'] as const).map((which): Row => ({
      label: `list ${which === 'listAll' ? 'all excerpts' : 'excerpts of one code'}: first page / all pages p50 ms (rows)`,
      get: (r) => {
        const s = t(r)[which];
        // Results from before paging have no first page.
        const first = (s as { firstPage?: { p50: number } }).firstPage;
        return { text: `${first ? fmt(first.p50) : '–'} / ${fmt(s.p50)} (${s.rows.toLocaleString('en')})` };
      },
    })),
    {
      label: 'search: p50 / p95 ms',
      get: (r) => ({ text: `${fmt(t(r).search.p50)} / ${fmt(t(r).search.p95)}`, value: t(r).search.p95 }),
      target: atMost(30, ['L']),
    },
    { label: 'open project: p50 ms', get: (r) => p50(t(r).open), target: atMost(300, ['L']) },
    { label: '  first of the day, with its backup: ms', get: (r) => ({ text: fmt(t(r).openWithDailyBackup) }) },
    {
      label: 'matrix + agreement: p50 ms (cells)',
      get: (r) => ({ ...p50(t(r).matrixAgreement), text: `${fmt(t(r).matrixAgreement.p50)} (${t(r).matrixAgreement.cells})` }),
      target: atMost(100, ['L']),
    },
    { label: 'export coded excerpts: p50 ms', get: (r) => p50(t(r).exportCoded), target: atMost(100, ['S']) },
    { label: 'memo with 200 citations to DOCX: p50 ms', get: (r) => p50(t(r).memoDocx), target: atMost(1000, ['L']) },
    {
      label: '  its first export (a new citation engine): ms',
      get: (r) => ({ value: t(r).memoDocx.first, text: fmt(t(r).memoDocx.first) }),
      target: atMost(1000, ['L']),
    },
  ];
}

const ROWS: Row[] = [
  {
    label: 'documents / excerpts (at the end)',
    get: (r) => ({ text: `${r.counts.documents} / ${r.counts.excerpts!.toLocaleString('en')}` }),
  },
  { label: 'words', get: (r) => ({ text: r.counts.words!.toLocaleString('en') }) },
  { label: 'assessments (coders)', get: (r) => ({ text: `${r.counts.assessments!.toLocaleString('en')} (${r.counts.coders})` }) },
  { label: 'references / memos', get: (r) => ({ text: `${r.counts.references} / ${r.counts.memos}` }) },
  { label: 'interview text MB / file MB', get: (r) => ({ text: `${r.textMb.toFixed(1)} / ${r.fileMb.toFixed(1)}` }) },
  ...transportRows('inProcess', 'in-process (dispatch)'),
  ...transportRows('http', 'HTTP (browser host)'),
  { label: '— both —' },
  {
    label: 'limit: raw insert + FTS5 ms (MB/s)',
    get: (r) => ({ text: `${fmt(r.physicalLimit.insertMs)} + ${fmt(r.physicalLimit.ftsMs)} (${fmt(r.physicalLimit.mbPerS)})` }),
  },
  {
    // The floor under creating an excerpt: with synchronous=FULL every commit waits for the disk.
    label: 'limit: one-row commit, synced: p50 / p95 ms',
    get: (r) => {
      const c = r.physicalLimit.oneRowCommit as Summary | undefined; // absent from older results
      return c && { text: `${fmt(c.p50)} / ${fmt(c.p95)}` };
    },
  },
  {
    // What the seal costs there (project/seal.ts): the session's WAL grows instead of being reused.
    label: '  in a WAL reused by checkpoints: p50 / p95 ms',
    get: (r) => {
      const c = r.physicalLimit.oneRowCommitReused as Summary | undefined; // absent from older results
      return c && { text: `${fmt(c.p50)} / ${fmt(c.p95)}` };
    },
  },
  {
    label: 'merge, copies 10% apart: ms (conflicts)',
    get: (r) => ({ text: `${fmt(r.merge.ms)} (${r.merge.conflicts})`, value: r.merge.ms }),
    target: atMost(5000, ['L']),
  },
  {
    label: 'peak RSS MB, browser host (the app)',
    get: (r) => ({ text: fmt(r.hostPeakRssMb), value: r.hostPeakRssMb }),
    target: atMost(400, ['L']),
  },
  { label: 'peak RSS MB, bench (in-process API + bench)', get: (r) => ({ text: fmt(r.peakRssMb) }) },
  {
    label: 'run time s (generation s)',
    get: (r) => ({ text: `${fmt(r.seconds)}${r.generation && !r.generation.cached ? ` (${fmt(r.generation.seconds)})` : ''}` }),
  },
];

/**
 * ✓ / ✗: met or missed at a size the issue sets the target for. "!": a smaller size already
 * misses a target set for L, so L will too (these costs do not shrink as projects grow).
 */
function mark(t: Target | undefined, size: SizeName, value: number | undefined): string {
  if (!t || value === undefined) return '';
  if (t.sizes.includes(size)) return t.ok(value) ? ' ✓' : ' ✗';
  return t.sizes.includes('L') && !t.ok(value) ? ' !' : '';
}

export function table(results: SizeResult[], machine: Machine): string {
  const header = ['measure', ...results.map((r) => r.size), 'target'];
  const lines: string[][] = [header];
  for (const row of ROWS) {
    if (!row.get) {
      lines.push([row.label, ...results.map(() => ''), '']);
      continue;
    }
    lines.push([
      row.label,
      ...results.map((r) => {
        const c = row.get!(r);
        return c ? c.text + mark(row.target, r.size, c.value) : '—';
      }),
      row.target?.text ?? '',
    ]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => [...l[i]!].length)));
  const pad = (s: string, w: number, right: boolean): string =>
    right ? ' '.repeat(w - [...s].length) + s : s + ' '.repeat(w - [...s].length);
  const out = [
    `Field Coder bench — ${machine.cores} × ${machine.cpu}, ${machine.memGb} GB, Node ${machine.node}, load at start ${machine.loadAtStart.join(' ')}`,
    ...lines.map((l) => l.map((c, i) => pad(c, widths[i]!, i > 0 && i < l.length - 1)).join('  ')),
    '✓ met, ✗ missed (at the size the target is for); ! a smaller size already misses a target set for L.',
  ];
  return out.join('\n');
}

export function writeResults(results: SizeResult[], machine: Machine, seed: number): string {
  const dir = join(packageRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${results.map((r) => r.size).join('')}.json`);
  writeFileSync(file, JSON.stringify({ issue: 7, seed, machine, results }, null, 2));
  return file;
}
