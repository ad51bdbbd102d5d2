// A project file whose seal no longer matches (one letter of a code's name changed on the disk,
// which every check but the seal passes) is refused on opening; "Open a copy anyway" opens a copy
// beside it, after every other check, says so, and the damaged file is never written. Real host
// process, real SQLite files, Debian Chromium.
import { expect, test } from './fixtures';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeProject, createCode, createProjectNamed, nav } from './steps';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-salvage-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const NAME = 'Salvage study';
const CODE = 'Checkpoint bribes';
const file = join(dataDir, 'projects', `${NAME}.fieldcoder`);

test('a file refused for its seal opens as a copy, and the original stays as it was', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await createProjectNamed(page, NAME);
    await createCode(page, CODE);
    await closeProject(page);

    // One letter of the code's name, as a failing USB stick would change it.
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from(CODE));
    expect(at).toBeGreaterThan(0);
    bytes[at] = bytes[at]! ^ 0x20;
    writeFileSync(file, bytes);

    await page.getByRole('button', { name: `Open ${NAME}` }).click();
    const damaged = page.getByRole('region', { name: `“${NAME}” could not be opened` });
    await expect(damaged).toContainText('changed since Field Coder last closed it');
    await damaged.getByRole('button', { name: 'Open a copy anyway' }).click();
    await expect(
      page.getByText(`This is ${NAME} (copy of a damaged file).fieldcoder, a copy of ${NAME}.fieldcoder, which was refused as damaged`),
    ).toBeVisible();
    await nav(page).getByRole('button', { name: 'Coding' }).click();
    await expect(page.getByRole('list', { name: 'Codes' })).toContainText('checkpoint bribes');
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(
      readdirSync(join(dataDir, 'projects'))
        .filter((f) => f.endsWith('.fieldcoder'))
        .sort(),
    ).toEqual([`${NAME} (copy of a damaged file).fieldcoder`, `${NAME}.fieldcoder`]);
  } finally {
    await host.stop();
  }
});
