// `npm run bench -- --render [--size L]`: how fast the renderer shows its first screen on a big
// project, in Debian's Chromium through the browser host — the documents table, the Coding
// screen's excerpts table, and the 500,000-word diary in the reader — and how many rows or
// paragraphs it keeps in the DOM (virtualised lists keep a screenful, not the project).
// A bench, not a test: it reports figures and fails only when the screens never appear.
import type { ElementHandle, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHandlers } from '../electron/api/handlers.js';
import { Session } from '../electron/app/session.js';
import { packageRoot } from '../electron/core/paths.js';
import { startWebHost } from '../electron/host/web-host.js';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.js';
import { cachedProject } from './generate.js';
import { LONG_TITLE, type SizeName } from './sizes.js';
import { fmt, machineInfo } from './report.js';
import { dailyBackupDone } from './measures.js';
import { summarize, type Summary } from './stats.js';

// As in playwright.config.ts, which is not imported: it would load Playwright into every bench run.
const TARGET_MS = 200;
/** "A few hundred rows": more than this in the DOM means the list is not virtualised. */
const TARGET_NODES = 300;
const REPEATS = 5;

const SELECTORS = {
  documents: 'table[aria-label="Documents"] tbody tr[data-index]',
  excerpts: 'table[aria-label="Excerpts"] tbody tr[data-index]',
  reader: '[role="region"][aria-label^="Text of"] p[data-start]',
};

/** The renderer as the sources are now, built beside dist/renderer so others' runs there are not disturbed. */
function buildRenderer(build: boolean, readable: boolean): string {
  const out = join(packageRoot(), 'dist', readable ? 'bench-renderer-unminified' : 'bench-renderer');
  if (!build && existsSync(join(out, 'index.html'))) return out;
  console.error(`building the renderer${readable ? ' (not minified, so that profiles name functions)' : ''}…`);
  const root = packageRoot();
  const r = spawnSync(
    join(root, 'node_modules', '.bin', 'vite'),
    [
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'warn',
      ...(readable ? ['--minify', 'false'] : []),
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('the renderer build failed');
  return out;
}

interface Shown {
  ms: number;
  /** Until the last API answer had arrived: the rest of `ms` is the renderer's own work. */
  apiMs: number;
  calls: { call: string; ms: number; kb: number }[];
}

/**
 * Clicks `target` and answers the time until `selector` is in the DOM and the frame holding it
 * has been painted (the next task after its animation frame), measured inside the page, with
 * the API calls made meanwhile (resource timing), to tell waiting for data from rendering it.
 */
async function firstScreen(page: Page, target: ElementHandle, selector: string): Promise<Shown> {
  return page.evaluate(
    ([el, sel]) =>
      new Promise<Shown>((resolve, reject) => {
        if (document.querySelector(sel)) return reject(new Error(`${sel} is already on screen`));
        performance.clearResourceTimings();
        const t0 = performance.now();
        const done = (): void => {
          const ms = performance.now() - t0;
          const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/api/'));
          resolve({
            ms,
            apiMs: Math.max(0, ...api.map((e) => e.responseEnd - t0)),
            calls: api.map((e) => ({ call: e.name.slice(e.name.indexOf('/api/') + 5), ms: e.duration, kb: e.encodedBodySize / 1024 })),
          });
        };
        const painted = (): void => {
          requestAnimationFrame(() => setTimeout(done, 0));
        };
        const seen = new MutationObserver(() => {
          if (document.querySelector(sel)) {
            seen.disconnect();
            painted();
          }
        });
        seen.observe(document.body, { childList: true, subtree: true });
        (el as HTMLElement).click();
        setTimeout(() => {
          seen.disconnect();
          reject(new Error(`${sel} did not appear in 30 s`));
        }, 30_000);
      }),
    [target, selector] as const,
  );
}

/** Nodes matching `selector` now, and after scrolling its list to the middle and to the end. */
async function domCount(page: Page, selector: string, scroller: string): Promise<number> {
  let most = await page.locator(selector).count();
  for (const at of [0.5, 1]) {
    await page.evaluate(
      ([s, f]) => {
        const el = document.querySelector(s);
        if (el) el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
      },
      [scroller, at] as const,
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    most = Math.max(most, await page.locator(selector).count());
  }
  return most;
}

interface ScreenFigures extends Summary {
  first: number;
  /** p50 of the part spent waiting for the API. */
  apiP50: number;
  /** The API calls of the first visit. */
  calls: Shown['calls'];
  domNodes: number;
  total: number;
}

/** Self time per function of a Chrome CPU profile, most first. */
function hottest(profile: CpuProfile, n: number): string[] {
  const self = new Map<string, number>();
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length) / 1000;
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0) * interval);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${fmt(ms)} ms ${k}`);
}

interface CpuProfile {
  nodes: { callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export async function runRender(size: SizeName, seed: number, opts: { fresh: boolean; build: boolean; profile: boolean }): Promise<void> {
  const g = await cachedProject(size, seed, opts.fresh, (s) => console.error(s));
  const staticDir = buildRenderer(opts.build, opts.profile);
  const work = mkdtempSync(join(tmpdir(), 'fc-bench-render-'));
  const session = new Session(join(work, 'home'));
  const copy = session.libraryPath(`bench-${size}`);
  copyFileSync(g.path, copy);
  // Read from the copy before the session locks it: a connection to the cache would leave files beside it.
  const db = new Database(copy, { readonly: true });
  const diary = db.prepare('SELECT text, word_count AS words FROM documents WHERE title = ?').get(LONG_TITLE) as {
    text: string;
    words: number;
  };
  const totals = {
    documents: (db.prepare('SELECT count(*) AS n FROM documents WHERE deleted = 0').get() as { n: number }).n,
    excerpts: (db.prepare('SELECT count(*) AS n FROM excerpts WHERE deleted = 0').get() as { n: number }).n,
    paragraphs: diary.text.split(/\n{2,}/).length,
  };
  db.close();
  await session.openPath(copy);
  await dailyBackupDone(copy);
  const host = await startWebHost({
    handlers: createHandlers(session, 'web'),
    uploads: session.uploads,
    staticDir,
  });
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const t0 = performance.now();
    await page.goto(host.url);
    await page.waitForSelector(SELECTORS.documents, { timeout: 60_000 });
    const coldLoad = performance.now() - t0;

    const nav = (name: string): Promise<ElementHandle> =>
      page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).elementHandle() as Promise<ElementHandle>;
    const samples = { documents: [] as Shown[], excerpts: [] as Shown[], reader: [] as Shown[] };
    // --profile: a CPU profile of each screen's first visit, saved beside the results.
    const cdp = opts.profile ? await page.context().newCDPSession(page) : null;
    await cdp?.send('Profiler.enable');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const profiles: Record<string, string[]> = {};
    const visit = async (screen: keyof typeof samples, target: ElementHandle, first: boolean): Promise<void> => {
      if (!cdp || !first) {
        samples[screen].push(await firstScreen(page, target, SELECTORS[screen]));
        return;
      }
      await cdp.send('Profiler.start');
      samples[screen].push(await firstScreen(page, target, SELECTORS[screen]));
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const dir = join(packageRoot(), 'bench', 'results');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${stamp}-render-${size}-${screen}.cpuprofile`), JSON.stringify(profile));
      profiles[screen] = hottest(profile, 8);
    };
    for (let i = 0; i < REPEATS; i++) {
      await visit('excerpts', await nav('Coding'), i === 0);
      await visit('documents', await nav('Documents'), i === 0);
      const row = (await page.locator(SELECTORS.documents, { hasText: LONG_TITLE }).first().elementHandle())!;
      await visit('reader', row, i === 0);
      await page.locator(SELECTORS.reader).first().waitFor();
      if (i === REPEATS - 1) break;
      await nav('Documents').then((b) => b.click());
      await page.waitForSelector(SELECTORS.documents);
    }
    const nodes = { reader: await domCount(page, SELECTORS.reader, '[role="region"][aria-label^="Text of"]') };
    await (await nav('Coding')).click();
    await page.waitForSelector(SELECTORS.excerpts);
    const excerptsNodes = await domCount(page, 'table[aria-label="Excerpts"] tbody tr', 'table[aria-label="Excerpts"]');
    await (await nav('Documents')).click();
    await page.waitForSelector(SELECTORS.documents);
    const documentsNodes = await domCount(page, 'table[aria-label="Documents"] tbody tr', 'table[aria-label="Documents"]');

    const screen = (s: Shown[], domNodes: number, total: number): ScreenFigures => ({
      ...summarize(s.map((x) => x.ms)),
      first: s[0]!.ms,
      apiP50: summarize(s.map((x) => x.apiMs)).p50,
      calls: s[0]!.calls,
      domNodes,
      total,
    });
    const result = {
      size,
      seed,
      coldLoadMs: coldLoad,
      documents: screen(samples.documents, documentsNodes, totals.documents),
      excerpts: screen(samples.excerpts, excerptsNodes, totals.excerpts),
      reader: { ...screen(samples.reader, nodes.reader, totals.paragraphs), words: diary.words },
    };
    const ok = (ms: number, n: number): string => `${ms <= TARGET_MS ? '✓' : '✗'} ${n <= TARGET_NODES ? '✓' : '✗'}`;
    const cols = (xs: string[]): string =>
      xs.map((x, i) => (i === 0 ? x.padEnd(34) : i < 5 ? x.padStart(9) : `   ${x.padEnd(30)}`)).join('');
    const line = (label: string, s: ScreenFigures, unit: string): string =>
      cols([
        label,
        fmt(s.first),
        fmt(s.p50),
        fmt(s.max),
        fmt(s.apiP50),
        `${s.domNodes} of ${s.total.toLocaleString('en')} ${unit}`,
        ok(s.p50, s.domNodes),
      ]);
    const calls = (s: ScreenFigures): string => s.calls.map((c) => `${c.call} ${fmt(c.ms)} ms, ${fmt(c.kb)} kB`).join('; ');
    console.log(`\nField Coder render bench, size ${size} — Chromium ${browser.version()}, ${machineInfo().cores} cores`);
    console.log(
      cols([
        'first screen after a click (ms)',
        'first',
        'p50',
        'max',
        'API p50',
        'in the DOM (most seen)',
        `target ≤ ${TARGET_MS} ms, ≤ ${TARGET_NODES} nodes`,
      ]),
    );
    console.log(line('documents table', result.documents, 'rows'));
    console.log(line('excerpts table (Coding)', result.excerpts, 'rows'));
    console.log(line(`reader, ${diary.words.toLocaleString('en')}-word document`, result.reader, 'paragraphs'));
    console.log('"API p50": until the last API answer arrived; the rest is the renderer. API calls of the first visit:');
    for (const [label, s] of [
      ['documents', result.documents],
      ['excerpts', result.excerpts],
      ['reader', result.reader],
    ] as const) {
      console.log(`  ${label}: ${calls(s)}`);
    }
    for (const [screen, lines] of Object.entries(profiles)) {
      console.log(`CPU profile of the first ${screen} visit (self time; saved in bench/results/):\n    ${lines.join('\n    ')}`);
    }
    console.log(`page load to the documents table: ${fmt(coldLoad)} ms`);
    const dir = join(packageRoot(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-render-${size}.json`);
    writeFileSync(file, JSON.stringify({ issue: 7, machine: machineInfo(), chromium: browser.version(), result }, null, 2));
    console.log(`written: ${file}`);
  } finally {
    await browser.close();
    session.closeProject();
    await host.close();
    rmSync(work, { recursive: true, force: true });
  }
}
