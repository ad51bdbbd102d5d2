// Runs fuzz inputs through one target in a child process with a time and memory budget, and
// classifies each: ok (imported), refused (an AppError with a message for the user), or a
// failure with its reason. A hang or a memory blow-up kills the child, not the test run; the
// next input gets a fresh child. Also keeps the regression corpus: every failing input as
// regressions/<target>/<hash>.bin.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildRequest, ChildResult, Outcome } from './protocol.js';
import type { RunnableTarget, TargetName } from './target-names.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REGRESSIONS_DIR = join(HERE, 'regressions');

export interface Budget {
  /** Per input, from sending it to the answer. */
  timeoutMs: number;
  /** Peak resident memory an input may add to the idle child. */
  memoryMb: number;
}

/** Issue 8: under 10 s and 256 MB per input. */
export const DEFAULT_BUDGET: Budget = { timeoutMs: 10_000, memoryMb: 256 };

export interface RunResult {
  outcome: Outcome;
  /** For a refusal the AppError code; for a failure what kind (timeout, partial-write, not-an-AppError, …). */
  reason: string;
  detail: string;
  ms: number;
  /** Peak resident memory above the idle child while this input ran, when the OS tells us. */
  peakMb?: number;
}

export const hashOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** A failure as one line, for matching against known bugs and for the report. */
export const signature = (r: Pick<RunResult, 'reason' | 'detail'>): string => `${r.reason}: ${r.detail}`;

const startupMs = 120_000;

function procStatus(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Resets the process's peak-RSS mark (Linux ≥ 4.0), so VmHWM afterwards is this input's peak. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

interface Pending {
  id: number;
  child: ChildProcess;
  resolve: (r: RunResult) => void;
  start: number;
  baseMb?: number;
  peakKnown: boolean;
  timer: NodeJS.Timeout;
  poll: NodeJS.Timeout;
}

export class TargetHarness {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  private stderr = '';
  private lastInput: { id: number; bytes: Uint8Array } | undefined;
  /** Failures that surfaced after their input had been answered (e.g. a rejection nobody awaited). */
  readonly late: { bytes: Uint8Array; result: RunResult }[] = [];
  /** Children started, including restarts after a hang or crash. */
  spawns = 0;

  constructor(
    readonly target: RunnableTarget,
    private readonly fixture: string,
    private readonly budget: Budget = DEFAULT_BUDGET,
  ) {}

  private start(): Promise<void> {
    this.stderr = '';
    this.spawns++;
    const child = fork(join(HERE, 'child.ts'), [this.target, this.fixture], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${this.budget.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fuzz child for ${this.target} did not start: ${this.stderr}`)), startupMs);
      child.on('message', (m: ChildResult | { type: 'ready' }) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else this.onMessage(m);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
        const crashed = `child exited (${signal ?? `code ${code}`})`;
        if (this.pending?.child === child) {
          const oom = /heap limit|Allocation failed|out of memory/i.test(this.stderr);
          this.finish({ outcome: 'failure', reason: oom ? 'out-of-memory' : 'crash', detail: `${crashed}: ${lastLines(this.stderr)}` });
        }
        reject(new Error(`fuzz child for ${this.target} ${crashed} while starting: ${this.stderr}`));
      });
    });
  }

  private onMessage(m: ChildResult): void {
    if (m.type === 'late') {
      if (this.pending?.id === m.id) this.finish({ outcome: 'failure', reason: 'unhandled-error', detail: m.detail });
      else if (this.lastInput?.id === m.id)
        this.late.push({ bytes: this.lastInput.bytes, result: { outcome: 'failure', reason: 'unhandled-error', detail: m.detail, ms: 0 } });
      return;
    }
    if (this.pending?.id !== m.id) return;
    this.finish({ outcome: m.outcome, reason: m.reason, detail: m.detail }, m.ms);
  }

  private finish(r: Omit<RunResult, 'ms'>, childMs?: number): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    clearInterval(p.poll);
    const ms = childMs ?? performance.now() - p.start;
    const result: RunResult = { ...r, ms };
    const status = p.peakKnown && p.child.exitCode === null && p.child.signalCode === null ? procStatus(p.child.pid!) : undefined;
    if (status && p.baseMb !== undefined) {
      result.peakMb = Math.max(0, status.hwmMb - p.baseMb);
      if (result.peakMb > this.budget.memoryMb && result.outcome !== 'failure') {
        Object.assign(result, {
          outcome: 'failure',
          reason: 'memory',
          detail: `used ${result.peakMb.toFixed(0)} MB (budget ${this.budget.memoryMb} MB)`,
        });
      }
    }
    p.resolve(result);
  }

  /** Kills the current child and forgets it at once, so the next input starts a fresh one. */
  private kill(): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    child?.kill('SIGKILL');
  }

  /** Runs one input; never rejects once the child has started. */
  async run(bytes: Uint8Array): Promise<RunResult> {
    if (this.pending) throw new Error('one input at a time');
    if (!this.child) this.ready = undefined;
    this.ready ??= this.start();
    await this.ready;
    const child = this.child!;
    const id = this.nextId++;
    this.lastInput = { id, bytes };
    const pid = child.pid!;
    const base = procStatus(pid);
    const peakKnown = resetPeak(pid);
    return new Promise<RunResult>((resolve) => {
      const p: Pending = {
        id,
        child,
        resolve,
        start: performance.now(),
        ...(base ? { baseMb: base.rssMb } : {}),
        peakKnown,
        // Timers run before pending I/O: let an answer that already arrived (while this process
        // was busy generating inputs) be read before calling the input a hang.
        timer: setTimeout(
          () =>
            setImmediate(() => {
              if (this.pending?.id !== id) return;
              this.finish({ outcome: 'failure', reason: 'timeout', detail: `no answer within ${this.budget.timeoutMs} ms` });
              this.kill();
            }),
          this.budget.timeoutMs,
        ),
        // The heap flag does not cover buffers outside the V8 heap: watch the process itself.
        poll: setInterval(() => {
          const now = procStatus(pid);
          if (now && base && now.rssMb - base.rssMb > 2 * this.budget.memoryMb) {
            this.finish({ outcome: 'failure', reason: 'memory', detail: `over ${2 * this.budget.memoryMb} MB resident; killed` });
            this.kill();
          }
        }, 25),
      };
      this.pending = p;
      const request: ChildRequest = { id, bytes };
      child.send(request);
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 500);
}

export interface Regression {
  hash: string;
  path: string;
  bytes: Uint8Array;
  /** The known bug this input shows (from its <hash>.bug file beside it), if one was named. */
  bug?: string;
}

export function loadRegressions(target: TargetName): Regression[] {
  const dir = join(REGRESSIONS_DIR, target);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bin'))
    .sort()
    .map((f) => {
      const hash = f.slice(0, -4);
      const tag = join(dir, `${hash}.bug`);
      const bug = existsSync(tag) ? readFileSync(tag, 'utf8').split('\n')[0]!.trim() : undefined;
      return { hash, path: join(dir, f), bytes: new Uint8Array(readFileSync(join(dir, f))), ...(bug ? { bug } : {}) };
    });
}

/** Saves a failing input; `bug` names the known bug it shows, in a one-line <hash>.bug beside it. */
export function saveRegression(target: TargetName, bytes: Uint8Array, bug?: { id: string; diagnosis: string }): string {
  const dir = join(REGRESSIONS_DIR, target);
  mkdirSync(dir, { recursive: true });
  const hash = hashOf(bytes);
  const path = join(dir, `${hash}.bin`);
  if (!existsSync(path)) writeFileSync(path, bytes);
  if (bug) writeFileSync(join(dir, `${hash}.bug`), `${bug.id}\n${bug.diagnosis}\n`);
  return path;
}
