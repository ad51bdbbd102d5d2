// The same flow in the real desktop app, through Playwright's Electron driver. It needs the
// Electron binary; where it cannot be downloaded (these build machines), it skips and says why.
import { _electron as electron, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from '../scripts/electron-binary.mjs';

const bin = electronBinary();
const reason =
  'missing' in bin
    ? `Electron e2e skipped: ${bin.missing} (its download is blocked on this machine). Run it where \`npm start\` works.`
    : '';
if (reason) console.log(reason);

test.describe('desktop app', () => {
  test.skip(!!reason, reason);
  const dataDir = mkdtempSync(join(tmpdir(), 'fc-electron-'));

  test.beforeAll(() => {
    // The desktop app needs better-sqlite3 built for Electron's ABI; the tests after this need Node's.
    expect(spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' }).status).toBe(0);
  });
  test.afterAll(() => {
    spawnSync(process.execPath, ['scripts/ensure-node-abi.mjs'], { stdio: 'inherit' });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens a default project with the framework template, and again after a restart', async () => {
    for (let run = 0; run < 2; run++) {
      const app = await electron.launch({ args: ['.'], env: { ...process.env, FIELD_CODER_HOME: dataDir } });
      const page = await app.firstWindow();
      await expect(page.getByRole('banner')).toContainText('My first project');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Framework' }).click();
      await expect(page.getByRole('table', { name: 'Outcome table' })).toContainText('captured');
      await expect(page.getByRole('table', { name: 'Units of analysis' })).toContainText('Sughd Province');
      // the renderer has no Node
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      await app.close();
    }
  });

  test('prints a memo to PDF with Electron’s printToPDF, citations included', async () => {
    const app = await electron.launch({ args: ['.'], env: { ...process.env, FIELD_CODER_HOME: dataDir } });
    const page = await app.firstWindow();
    await expect(page.getByRole('banner')).toContainText('My first project');
    const result = await page.evaluate(async () => {
      const call = async (method: string, input: unknown) => {
        const r = (await window.fieldCoder!.call(method, input)) as { ok: boolean; value?: unknown; error?: unknown };
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        return r.value as Record<string, unknown>;
      };
      const ref = await call('references.create', {
        csl: {
          type: 'book',
          title: 'State Erosion',
          author: [{ family: 'Markowitz', given: 'Lawrence P.' }],
          issued: { 'date-parts': [[2013]] },
        },
      });
      const memo = await call('memos.create', {
        title: 'PDF memo',
        body: `Capacity eroded [@${String(ref.citationKey)}, p. 24].\n\n{{outcomes}}`,
      });
      return call('memos.export', { id: memo.id, format: 'pdf' });
    });
    const exported = result as unknown as { files: { base64: string }[]; report: { notes: string[]; citations: number } };
    expect(exported.report.citations).toBe(1);
    expect(exported.report.notes.join(' ')).toContain('printToPDF');
    expect(Buffer.from(exported.files[0]!.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await app.close();
  });
});
