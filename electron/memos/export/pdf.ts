// PDF by printing the HTML export with a headless Chromium already on the machine, so the PDF
// looks exactly like the HTML and Field Coder ships no PDF engine of its own.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../core/errors.js';

const NEED_CHROMIUM =
  'PDF export needs Chromium or Google Chrome; install it (Debian: apt-get install chromium) or set FIELD_CODER_CHROMIUM to its path.';

function candidates(): string[] {
  const env = process.env;
  if (process.platform === 'darwin') {
    return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
  }
  if (process.platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((r): r is string => !!r);
    return [
      ...roots.map((r) => join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((r) => join(r, 'Chromium', 'Application', 'chrome.exe')),
      // Every Windows has Edge, which is Chromium and takes the same flags.
      ...roots.map((r) => join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ];
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to print with: FIELD_CODER_CHROMIUM as given, else the first one installed. */
export function findChromium(): string | null {
  // Taken on trust: if the user's path is wrong, the export should say so rather than quietly
  // use another browser.
  const chosen = process.env.FIELD_CODER_CHROMIUM?.trim();
  if (chosen) return chosen;
  return candidates().find(isExecutable) ?? null;
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // Its own process group on POSIX, so a timeout kills the renderer and GPU helpers too, not
    // only the launcher script (Debian's /usr/bin/chromium is a shell script).
    const posix = process.platform !== 'win32';
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: posix, windowsHide: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-20_000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (posix && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // 'exit', not 'close': a helper that outlives the browser may hold stderr open for a while.
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      child.stderr.destroy();
      resolve({ code, signal, stderr, timedOut });
    });
  });
}

/** The last few lines worth showing; D-Bus complaints are noise on every headless Linux box. */
function stderrTail(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/dbus/i.test(l));
  const tail = lines.slice(-6).join('\n');
  return tail ? `\n${tail}` : '';
}

export interface PdfOptions {
  /** Path to Chromium or Chrome; found with findChromium() when not given. */
  chromium?: string;
  timeoutMs?: number;
}

/** Prints an HTML file to PDF with headless Chromium (A4 or Letter, as Chromium's locale says). */
export async function htmlToPdf(html: string, opts: PdfOptions = {}): Promise<{ pdf: Uint8Array; chromium: string }> {
  const chromium = opts.chromium ?? findChromium();
  if (!chromium) throw new AppError('unsupported', NEED_CHROMIUM);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  // mkdtemp makes the folder readable by this user only: the memo may hold interview material.
  const dir = await mkdtemp(join(tmpdir(), 'field-coder-pdf-'));
  try {
    const htmlPath = join(dir, 'memo.html');
    const pdfPath = join(dir, 'out.pdf');
    await writeFile(htmlPath, html, { encoding: 'utf8', mode: 0o600 });
    const args = [
      '--headless',
      // The page is our own escaped HTML with no scripts and a CSP that blocks every fetch, and
      // the sandbox cannot start as root or in many containers.
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdfPath}`,
      pathToFileURL(htmlPath).href,
    ];
    let outcome: Outcome;
    try {
      outcome = await run(chromium, args, timeoutMs);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is not there' : (err as Error).message;
      throw new AppError('unsupported', `Could not start Chromium at ${chromium}: ${why}. ${NEED_CHROMIUM}`);
    }
    const tail = stderrTail(outcome.stderr);
    if (outcome.timedOut) {
      throw new AppError(
        'unsupported',
        `Chromium at ${chromium} did not finish the PDF within ${Math.round(timeoutMs / 1000)} s and was stopped.${tail}`,
      );
    }
    if (outcome.code !== 0) {
      const how = outcome.code === null ? `was killed (${outcome.signal ?? 'signal'})` : `exited with code ${outcome.code}`;
      throw new AppError('unsupported', `Chromium at ${chromium} could not make the PDF: it ${how}.${tail}`);
    }
    let pdf: Buffer;
    try {
      pdf = await readFile(pdfPath);
    } catch {
      throw new AppError('unsupported', `Chromium at ${chromium} finished without writing a PDF.${tail}`);
    }
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new AppError('unsupported', `Chromium at ${chromium} wrote a file that is not a PDF.${tail}`);
    }
    return { pdf, chromium };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
