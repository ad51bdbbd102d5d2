// A person restores a daily backup from the Team screen and loses only the work done since; then
// the project file is damaged on disk, opening it offers the newest backup, and restoring that
// brings the project back. Real host process, real SQLite files, Debian Chromium.
import { expect, test } from './fixtures';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeProject, createCode, createProjectNamed, nav } from './steps';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-backups-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const NAME = 'Backup study';
const file = join(dataDir, 'projects', `${NAME}.fieldcoder`);

/** Damage every page after the first (as electron/project/restore.test.ts does), leaving the header readable. */
function scramble(path: string): void {
  const buf = readFileSync(path);
  const pageSize = buf.readUInt16BE(16) || 65536;
  for (let page = 1; page * pageSize < buf.length; page++) {
    for (let i = page * pageSize + 8; i < (page + 1) * pageSize && i < buf.length; i += 7) buf[i] = buf[i]! ^ 0x5a;
  }
  writeFileSync(path, buf);
}

test('restore a backup from the Team screen, and a damaged project from the projects list', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await createProjectNamed(page, NAME);
    await createCode(page, 'water access');

    // Creating a project makes no backup; opening it makes the daily one.
    await closeProject(page);
    await page.getByRole('button', { name: `Open ${NAME}` }).click();
    await expect(page.getByRole('banner')).toContainText(NAME);
    const backups = page.getByRole('table', { name: 'Backups' });
    // The daily backup is written in the background: look again until it is listed.
    await expect(async () => {
      await nav(page).getByRole('button', { name: 'Coding' }).click();
      await nav(page).getByRole('button', { name: 'Team' }).click();
      await expect(backups.getByRole('row').filter({ hasText: 'daily' })).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });

    await createCode(page, 'border crossings');
    await nav(page).getByRole('button', { name: 'Team' }).click();
    await backups.getByRole('button', { name: /^Restore the backup of .*, daily$/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
    await expect(confirm).toContainText('kept first');
    await expect(confirm).toContainText(`${NAME}.backups`);
    await confirm.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Restored the backup of' })).toContainText(
      new RegExp(`The project as it was is kept as ${NAME}\\.\\d{8}-\\d{9}\\.v\\d+\\.pre-restore\\.fieldcoder\\.`),
    );
    // The state it replaced is now a backup too.
    await expect(backups.getByRole('row').filter({ hasText: 'before a restore' })).toHaveCount(1);
    await nav(page).getByRole('button', { name: 'Coding' }).click();
    const codes = page.getByRole('list', { name: 'Codes' });
    await expect(codes).toContainText('water access');
    await expect(codes).not.toContainText('border crossings');

    await closeProject(page);
    scramble(file);
    const damagedBytes = readFileSync(file);
    await page.getByRole('button', { name: `Open ${NAME}` }).click();
    const damaged = page.getByRole('region', { name: `“${NAME}” could not be opened` });
    await expect(damaged).toContainText('This file is damaged. Field Coder did not change it.');
    expect(readFileSync(file).equals(damagedBytes)).toBe(true);
    await damaged.getByRole('button', { name: /^Restore the newest backup \(.+, before a restore\)$/ }).click();
    await expect(page.getByRole('banner')).toContainText(NAME);
    await nav(page).getByRole('button', { name: 'Coding' }).click();
    await expect(codes).toContainText('water access');
    // The damaged bytes were set aside untouched, beside the backups.
    const aside = readdirSync(join(dataDir, 'projects', `${NAME}.backups`)).filter((f) => f.endsWith('.damaged'));
    expect(aside.map((f) => readFileSync(join(dataDir, 'projects', `${NAME}.backups`, f)).equals(damagedBytes))).toEqual([true]);
  } finally {
    await host.stop();
  }
});
