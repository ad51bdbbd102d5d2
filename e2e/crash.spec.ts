// A crash while a change was being saved: the host is killed with the project open (its changes
// in the WAL beside the file), and the WAL's last commit is cut short as a kill or a power cut
// during that commit leaves it. Opening the project again keeps everything saved before, and the
// app says that the change being saved is not there. Real host process, real SQLite files, Debian
// Chromium.
import { expect, test } from './fixtures';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCode, createProjectNamed, nav } from './steps';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-crash-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const NAME = 'Crash study';
const file = join(dataDir, 'projects', `${NAME}.fieldcoder`);

/** Cuts the WAL inside its last commit's commit frame (format: sqlite.org/fileformat2.html#walformat). */
function cutLastCommit(wal: string): void {
  const bytes = readFileSync(wal);
  const frame = 24 + bytes.readUInt32BE(8);
  let last = -1;
  for (let i = 0; 32 + (i + 1) * frame <= bytes.length; i++) if (bytes.readUInt32BE(32 + i * frame + 4) !== 0) last = i;
  expect(last).toBeGreaterThan(0);
  truncateSync(wal, 32 + last * frame + 100);
}

test('a change cut short by a crash is reported on opening, and what was saved before it is kept', async ({ page }) => {
  let host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await createProjectNamed(page, NAME);
    await createCode(page, 'Saved before the crash');
    await createCode(page, 'Being saved at the crash');
    await host.crash();
    expect(existsSync(`${file}-wal`)).toBe(true);
    cutLastCommit(`${file}-wal`);

    host = await startHost(dataDir, ['--no-default']);
    await page.goto(host.url);
    await page.getByRole('button', { name: `Open ${NAME}` }).click();
    await expect(page.getByText(`while it was saving a change to “${NAME}”. That change could not be read back`)).toBeVisible();
    await nav(page).getByRole('button', { name: 'Coding' }).click();
    const codes = page.getByRole('list', { name: 'Codes' });
    await expect(codes).toContainText('Saved before the crash');
    await expect(codes).not.toContainText('Being saved at the crash');
  } finally {
    await host.stop();
  }
});
