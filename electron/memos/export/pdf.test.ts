import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { tempDir } from '../../test-support/tmp.js';
import { HOSTILE, sampleMemo } from '../render/sample.test-data.js';
import { memoToHtml } from './html.js';
import { findChromium, htmlToPdf } from './pdf.js';

const dir = tempDir('fc-pdf-');
const savedEnv = process.env.FIELD_CODER_CHROMIUM;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.FIELD_CODER_CHROMIUM;
  else process.env.FIELD_CODER_CHROMIUM = savedEnv;
});

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const chromium = findChromium();
const noChromium = !chromium && !process.env.CI;
if (noChromium) console.log('pdf.test.ts: skipping the PDF check: no Chromium found (set FIELD_CODER_CHROMIUM)');

describe.skipIf(noChromium)('htmlToPdf with Chromium', () => {
  it('prints the memo: headings, table, footnotes and hostile text, in order', async () => {
    expect(chromium, 'CI needs Chromium for the PDF export test').toBeTruthy();
    const started = performance.now();
    const { pdf, chromium: used } = await htmlToPdf(memoToHtml(sampleMemo(true)));
    console.log(`pdf.test.ts: ${pdf.byteLength} bytes in ${Math.round(performance.now() - started)} ms with ${used}`);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'memo.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const expected = [
      'Tajikistan: captured state capacity',
      'Conceptual framework',
      HOSTILE,
      'Table 1. Outcomes of State Capacities',
      'High willingness',
      'Low willingness',
      'High capability',
      'Hegemonic',
      'Captured',
      'Failed',
      'Evidence',
      'each respective [security] agency',
      `second point, with ${HOSTILE}`,
      'SELECT 1; <b>not bold</b>',
      '[@nokey]',
      'Notes',
      'Lawrence P. Markowitz, State Erosion (Ithaca: Cornell University Press, 2013), 24.',
      'Stephen Watts et al., Countering Others’ Insurgencies (Santa Monica: RAND, 2015).',
      'Interview with a law-enforcement official, Dushanbe, 2016.',
      `See Markowitz, State Erosion, 30; ${HOSTILE}.`,
      'Bibliography',
      'Markowitz, Lawrence P. State Erosion.',
      'Watts, Stephen, et al.',
    ];
    let at = 0;
    for (const s of expected) {
      const found = text.indexOf(s, at);
      expect(found, `"${s}" after position ${at} in:\n${text}`).toBeGreaterThanOrEqual(0);
      at = found + s.length;
    }
    // No page header or footer: the temp file's path and the date stay out of the PDF.
    expect(text).not.toContain('memo.html');
    expect(text).not.toContain('field-coder-pdf-');
  });
});

describe('htmlToPdf without a working Chromium', () => {
  it('names what to install when the given Chromium is not there', async () => {
    const err = await appError(htmlToPdf('<p>x</p>', { chromium: '/nonexistent' }));
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('/nonexistent');
    expect(err.message).toContain('apt-get install chromium');
    expect(err.message).toContain('FIELD_CODER_CHROMIUM');
  });

  it('findChromium takes FIELD_CODER_CHROMIUM as given', () => {
    process.env.FIELD_CODER_CHROMIUM = '/opt/my chrome/chrome';
    expect(findChromium()).toBe('/opt/my chrome/chrome');
    process.env.FIELD_CODER_CHROMIUM = '';
    expect(findChromium()).not.toBe('');
  });

  // Stand-ins for Chromium, as shell scripts that note where they were asked to work.
  const fake = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(
      path,
      `#!/bin/sh\nfor a in "$@"; do case "$a" in --print-to-pdf=*) echo "\${a#--print-to-pdf=}" > "${dir}/${name}.out";; esac; done\n${body}\n`,
    );
    chmodSync(path, 0o755);
    return path;
  };
  const workDirOf = (name: string): string => join(readFileSync(join(dir, `${name}.out`), 'utf8').trim(), '..');

  it.skipIf(process.platform === 'win32')('reports a failing Chromium with the end of its stderr, and cleans up', async () => {
    const bin = fake('crash', 'echo "Failed to connect to the bus: dbus noise" >&2\necho "FATAL: cannot open display" >&2\nexit 3');
    const err = await appError(htmlToPdf('<p>x</p>', { chromium: bin }));
    expect(err.message).toContain('exited with code 3');
    expect(err.message).toContain('FATAL: cannot open display');
    expect(err.message).not.toContain('dbus');
    expect(existsSync(workDirOf('crash'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('stops a Chromium that hangs', async () => {
    const bin = fake('hang', 'sleep 30');
    const started = performance.now();
    const err = await appError(htmlToPdf('<p>x</p>', { chromium: bin, timeoutMs: 300 }));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(err.message).toContain('did not finish the PDF');
    expect(existsSync(workDirOf('hang'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('refuses output that is not a PDF', async () => {
    const bin = fake('notpdf', `out="$(cat "${dir}/notpdf.out")"\ncat "$(dirname "$out")/memo.html" > "$out"`);
    const err = await appError(htmlToPdf('<p>x</p>', { chromium: bin }));
    expect(err.message).toContain('not a PDF');
    expect(existsSync(workDirOf('notpdf'))).toBe(false);
  });
});
