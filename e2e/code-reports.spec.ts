// The code reports on the Team screen: each report is a table named by the report, with a bar
// per code beside it, and downloads as CSV.
import { expect, test } from './fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-reports-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('code reports: choose a report, see its table and bars, download its CSV', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Reports');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Reports');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Team' }).click();
    const reports = page.getByRole('region', { name: 'Code reports' });
    await expect(reports.getByRole('table', { name: 'Code × document' })).toBeVisible();
    // The template's starter codes, none applied yet: every bar is empty.
    await expect(reports.getByRole('figure', { name: 'Excerpts per code' }).getByRole('listitem').first()).toContainText('0');
    for (const [label, file] of [
      ['Code × interviewee role', 'code-role.csv'],
      ['Code co-occurrence', 'co-occurrence.csv'],
    ] as const) {
      await reports.getByLabel('Report').selectOption({ label });
      await expect(reports.getByRole('table', { name: label })).toBeVisible();
      const download = page.waitForEvent('download');
      await reports.getByRole('button', { name: 'Download CSV' }).click();
      expect((await download).suggestedFilename()).toBe(file);
    }
  } finally {
    await host.stop();
  }
});
