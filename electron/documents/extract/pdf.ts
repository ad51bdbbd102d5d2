// PDF to plain text with pdf.js: the text layer of each page in content order, lines broken
// where pdf.js sees an end of line or the baseline moves, pages separated by a blank line.
// Scanned PDFs have no text layer; we say so rather than import an empty document.
//
// pdf.js parses in a worker thread of our own (its "worker side", WorkerMessageHandler, talking
// to pdf.js in this thread over a MessagePort). pdf.js has no time or work limit of its own, and
// its parser runs synchronously for as long as a content stream keeps it busy (a 43 KB PDF can
// hold it for minutes): only a thread can be stopped in the middle of that. So every extraction
// has a budget — a deadline, a heap limit for the thread, a cap on the process's extra memory
// and on the text — and the thread is terminated when any runs out, with a refusal in words.
// The thread is started from source text (eval) and imports pdf.js's worker module by its
// resolved file URL, so no worker file of ours has to be found on disk at run time (that lookup
// breaks in bundles and packaged apps). Each file gets a fresh thread, started ahead of time.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { PDFDocumentProxy, PDFWorker, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { AppError } from '../../core/errors.js';
import { unpackedPath } from '../../core/paths.js';
import type { Extracted } from './extracted.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** The budget of one extraction. Real documents need a fraction of each. */
export const PDF_LIMITS = {
  /**
   * Wall-clock time for the whole file, from opening it to its last page: a 300-page report
   * takes 1-2.5 s on a busy two-core laptop; and an import, writing and checks included, must be
   * done within 10 s (issue 8), on a machine busy with other work too.
   */
  timeMs: 5_000,
  /** Heap of the pdf.js thread. */
  threadHeapMb: 128,
  /**
   * Growth of this process's resident memory while reading, beyond the file's own size (pdf.js
   * keeps decoded streams outside the thread's heap, where its limit does not reach).
   */
  extraRssMb: 192,
  /** Characters of text: about 1.5 million words, far beyond any interview or report. */
  textChars: 10_000_000,
};

const seconds = (ms: number): string => `${Math.round(ms / 1000)} seconds`;

const MESSAGES = {
  damaged: 'This PDF is damaged and cannot be read.',
  password: 'This PDF is password-protected. Save a copy without the password and import that.',
  noText: 'This PDF has no text layer (it is probably scanned). Run OCR on it first, then import it again.',
  slow: (ms: number) =>
    `This PDF takes too long to read (more than ${seconds(ms)}); it may be damaged or built to stall readers. Print it to a new PDF, or save its text as a .txt file, and import that.`,
  memory:
    'This PDF needs too much memory to read; it may be damaged or built to exhaust readers. Print it to a new PDF, or save its text as a .txt file, and import that.',
  tooMuchText: (chars: number) =>
    `This PDF holds more than ${(chars / 1_000_000).toFixed(0)} million characters of text. Split it into parts and import those.`,
};

const require = createRequire(import.meta.url);
let loading: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loading;
}

/** The CMaps shipped with pdfjs-dist: without them, text in fonts using predefined CJK CMaps is lost. */
function cMapDir(): string | undefined {
  try {
    return join(dirname(unpackedPath(require.resolve('pdfjs-dist/package.json'))), 'cmaps') + sep;
  } catch {
    return undefined;
  }
}

// The thread's whole program: load pdf.js's worker side and serve the port it was given.
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
import(workerData.workerUrl).then(({ WorkerMessageHandler }) => WorkerMessageHandler.initializeFromPort(workerData.port));
`;

/** How long a thread started ahead waits for a PDF before it ends. */
const IDLE_MS = 30_000;

interface PdfThread {
  thread: Worker;
  pdfWorker: PDFWorker;
  /** Rejects when the thread ends (crash, out of memory, terminated); never resolves. */
  ended: Promise<never>;
  /** Set once the thread has ended. */
  endedBy?: 'memory' | 'other';
  idleTimer?: NodeJS.Timeout;
}

let idleThread: PdfThread | undefined;

function startThread(pdfjs: PdfJs): PdfThread {
  const { port1, port2 } = new MessageChannel();
  const thread = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { workerUrl: pathToFileURL(unpackedPath(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'))).href, port: port2 },
    transferList: [port2],
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: PDF_LIMITS.threadHeapMb, maxYoungGenerationSizeMb: 16 },
  });
  // pdf.js's types allow no port here, but its code takes any object with the postMessage and
  // addEventListener('message') of a web Worker, which a Node MessagePort has.
  const pdfWorker = new pdfjs.PDFWorker({ port: port1 as never, verbosity: 0 });
  // Neither keeps the process alive (after pdf.js's listener, which refs the port): an
  // extraction in progress does, with its deadline timer.
  thread.unref();
  port1.unref();
  const t: PdfThread = { thread, pdfWorker, ended: undefined! };
  t.ended = new Promise<never>((_, reject) => {
    let error: unknown;
    thread.on('error', (err) => {
      error = err;
      t.endedBy = (err as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'other';
    });
    thread.on('exit', () => {
      t.endedBy ??= 'other';
      if (idleThread === t) idleThread = undefined;
      t.pdfWorker.destroy();
      port1.close();
      reject(error ?? new Error('pdf.js thread ended'));
    });
  });
  t.ended.catch(() => {}); // read by the extraction that uses the thread, if any
  return t;
}

function takeThread(pdfjs: PdfJs): PdfThread {
  const t = idleThread;
  idleThread = undefined;
  if (t && !t.endedBy) {
    clearTimeout(t.idleTimer);
    return t;
  }
  return startThread(pdfjs);
}

/**
 * A thread serves one file: pdf.js's side in this thread keeps about 10 MB per document read
 * through one worker even after the document is destroyed, so a kept thread would grow without
 * bound. Instead a fresh one is started for the next file, unless one is waiting already.
 */
function releaseThread(t: PdfThread, pdfjs: PdfJs): void {
  void t.thread.terminate();
  if (idleThread && !idleThread.endedBy) return;
  const next = startThread(pdfjs);
  idleThread = next;
  next.idleTimer = setTimeout(() => void next.thread.terminate(), IDLE_MS);
  next.idleTimer.unref();
}

/** Ends the waiting pdf.js thread, if any (tests; a thread ends by itself after IDLE_MS). */
export async function endIdlePdfThread(): Promise<void> {
  const t = idleThread;
  idleThread = undefined;
  if (t) {
    clearTimeout(t.idleTimer);
    await t.thread.terminate();
  }
}

class Stop extends Error {
  constructor(readonly refusal: string) {
    super(refusal);
  }
}

/** Races every step of an extraction against its deadline, the thread's end and the memory cap. */
class Budget {
  private readonly rssAtStart = process.memoryUsage.rss();
  private readonly stopped: Promise<never>;
  private readonly ended: Promise<never>;
  private stopWith!: (refusal: string) => void;
  private readonly timers: NodeJS.Timeout[] = [];
  chars = 0;

  constructor(t: PdfThread, fileBytes: number) {
    // The file is in memory twice while read: the copy handed to pdf.js, and pdf.js's own.
    const rssCap = this.rssAtStart + PDF_LIMITS.extraRssMb * 1024 * 1024 + 2 * fileBytes;
    this.stopped = new Promise<never>((_, reject) => {
      this.stopWith = (refusal) => reject(new Stop(refusal));
    });
    this.stopped.catch(() => {});
    // One reaction per extraction on the thread's end (a kept thread serves many).
    this.ended = t.ended.catch((err: unknown) => {
      throw t.endedBy === 'memory' ? new Stop(MESSAGES.memory) : err;
    });
    this.ended.catch(() => {});
    this.timers.push(setTimeout(() => this.stopWith(MESSAGES.slow(PDF_LIMITS.timeMs)), PDF_LIMITS.timeMs));
    const poll = setInterval(() => {
      if (process.memoryUsage.rss() > rssCap) this.stopWith(MESSAGES.memory);
    }, 20);
    poll.unref();
    this.timers.push(poll);
  }

  async step<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => {}); // if the budget wins the race, the step's own failure does not matter
    return Promise.race([promise, this.stopped, this.ended]);
  }

  /** Refuses once the pages read so far and the page being read hold too much text. */
  checkText(pageChars: number): void {
    if (this.chars + pageChars > PDF_LIMITS.textChars) throw new Stop(MESSAGES.tooMuchText(PDF_LIMITS.textChars));
  }

  end(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}

export async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const pdfjs = await loadPdfJs();
  const cMapUrl = cMapDir();
  const t = takeThread(pdfjs);
  const budget = new Budget(t, bytes.length);
  const task = pdfjs.getDocument({
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given, and refuses a Node
    // Buffer (which the CLI reads files into), whose slice() would not even copy.
    data: new Uint8Array(bytes),
    worker: t.pdfWorker,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
    ...(cMapUrl ? { cMapUrl, cMapPacked: true } : {}),
  });
  let clean = false;
  try {
    const result = await read(task.promise, budget);
    clean = true;
    return result;
  } catch (err) {
    if (err instanceof Stop) throw new AppError('invalid', err.refusal);
    if (t.endedBy) throw new AppError('invalid', t.endedBy === 'memory' ? MESSAGES.memory : MESSAGES.damaged);
    clean = true;
    throw err;
  } finally {
    budget.end();
    if (clean) {
      // Closes the document in the thread; a thread that does not answer within a second is ended.
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([
        task.destroy().then(() => true),
        t.ended.catch(() => false),
        new Promise<false>((resolve) => (timer = setTimeout(resolve, 1000, false))),
      ]);
      clearTimeout(timer);
      if (closed) releaseThread(t, pdfjs);
      else void t.thread.terminate();
    } else {
      // The thread may be stuck in pdf.js's parser; only ending it stops that.
      void t.thread.terminate();
      void task.destroy().catch(() => {});
    }
  }
}

async function read(opening: Promise<PDFDocumentProxy>, budget: Budget): Promise<Extracted> {
  let doc: PDFDocumentProxy;
  try {
    doc = await budget.step(opening);
  } catch (err) {
    if (err instanceof Stop) throw err;
    const name = (err as { name?: unknown } | null)?.name;
    throw new AppError('invalid', name === 'PasswordException' ? MESSAGES.password : MESSAGES.damaged);
  }
  const pages: string[] = [];
  let unreadable = 0;
  let blank = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    try {
      const page = await budget.step(doc.getPage(n));
      const lines = new PageText();
      // Not cancelled when we stop early: the thread is ended then (pdf.js throws, uncaught, if
      // the thread closes a stream that was cancelled).
      const reader = page.streamTextContent().getReader();
      for (;;) {
        const chunk = await budget.step(reader.read());
        if (chunk.done) break;
        const items = (chunk.value as { items: (TextItem | TextMarkedContent)[] }).items;
        for (const item of items) if ('str' in item) lines.add(item);
        budget.checkText(lines.length);
      }
      const text = lines.text();
      budget.chars += text.length;
      page.cleanup();
      if (text) pages.push(text);
      else blank++;
    } catch (err) {
      if (err instanceof Stop) throw err;
      unreadable++;
    }
  }
  if (doc.numPages === 0 || unreadable === doc.numPages) throw new AppError('invalid', MESSAGES.damaged);
  if (pages.length === 0) throw new AppError('invalid', MESSAGES.noText);

  const warnings: string[] = [];
  if (unreadable > 0) warnings.push(`${plural(unreadable, 'page')} could not be read and ${unreadable === 1 ? 'was' : 'were'} left out`);
  if (blank > 0) warnings.push(`${plural(blank, 'page')} had no text (blank or scanned)`);
  const title = await readTitle(doc, budget);
  return { text: pages.join('\n\n'), ...(title ? { title } : {}), warnings };
}

/**
 * One page's text items to lines, item by item as pdf.js streams them. Items come in
 * content-stream order, which is reading order for most producers.
 */
class PageText {
  private out = '';
  private lastY: number | undefined;
  private lastEnd = 0; // x where the previous item ended
  private lastHeight = 0;
  private brokeLine = true;

  get length(): number {
    return this.out.length;
  }

  add(item: TextItem): void {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    if (item.str.length > 0) {
      const lineHeight = Math.max(item.height, this.lastHeight) || 10;
      if (!this.brokeLine && this.lastY !== undefined && Math.abs(y - this.lastY) > lineHeight * 0.5) this.out += '\n';
      else if (!this.brokeLine && x - this.lastEnd > lineHeight * 0.15 && !this.out.endsWith(' ') && !item.str.startsWith(' '))
        this.out += ' ';
      this.out += item.str;
      this.brokeLine = false;
      this.lastY = y;
      this.lastEnd = x + item.width;
      this.lastHeight = item.height;
    }
    if (item.hasEOL && !this.brokeLine) {
      this.out += '\n';
      this.brokeLine = true;
    }
  }

  text(): string {
    return this.out
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

async function readTitle(doc: PDFDocumentProxy, budget: Budget): Promise<string | undefined> {
  try {
    const { info } = await budget.step(doc.getMetadata());
    const title = (info as { Title?: unknown }).Title;
    if (typeof title !== 'string') return undefined;
    // Word's "Save as PDF" used to record the window title, e.g. "Microsoft Word - interview3.docx".
    const cleaned = title.replace(/^Microsoft Word - /, '').trim();
    return cleaned || undefined;
  } catch (err) {
    if (err instanceof Stop) throw err;
    return undefined;
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
