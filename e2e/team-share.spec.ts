// The Team screen's "Share a copy": the fingerprint colleagues compare, and the copy itself
// downloaded as one SQLite file.
import { expect, test } from './fixtures';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-share-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('team: the fingerprint shows and "Share a copy…" downloads a project file', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Sharing');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Sharing');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Team' }).click();
    const section = page.getByRole('region', { name: 'Share a copy' });
    await expect(section).toContainText(
      /Project fingerprint: [0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4} — equal for copies with the same content/,
    );
    await expect(section.getByLabel('Leave out identities (real names and contacts)')).toBeChecked();

    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Share a copy…' }).click()]);
    expect(download.suggestedFilename()).toBe('Sharing-shared.fieldcoder');
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    await expect(section.getByRole('status')).toContainText('without identities');
  } finally {
    await host.stop();
  }
});
