// A person imports the five seed texts (and one binary file dressed up as .txt) into a new
// project, sees them in the Documents table, searches for a name in the header, opens a hit and
// sees the name marked in the reader. Real host process, real SQLite file, Debian Chromium.
import { expect, test } from './fixtures';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from './web-host';

// The repo is cloned beside shared/, which holds the seed texts. (This package is ESM: no __dirname.)
const here = dirname(fileURLToPath(import.meta.url));
const SEEDS = resolve(here, '..', '..', 'shared', 'seeds');
const seedFiles = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => join(SEEDS, f));

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-docs-'));
const scratch = mkdtempSync(join(tmpdir(), 'fc-e2e-files-'));
test.afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

test('import the seed texts, refuse a binary file, search for a name and see it marked in the reader', async ({ page }) => {
  expect(seedFiles).toHaveLength(5);
  // A small PNG-like binary renamed .txt: the import must refuse it with a reason.
  const binary = join(scratch, 'photo.txt');
  writeFileSync(
    binary,
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0xff, 0xfe, 0, 0]),
  );

  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Seed texts');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Seed texts');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Documents' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Documents' })).toBeVisible();

    await page.getByLabel('Import files').setInputFiles([...seedFiles, binary]);

    const results = page.getByRole('region', { name: 'Import results' });
    await expect(results).toBeVisible({ timeout: 30_000 });
    await expect(results.getByRole('listitem')).toHaveCount(6);
    for (const file of seedFiles) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      await expect(results.getByRole('listitem').filter({ hasText: name })).toContainText('Imported');
    }
    const refused = results.getByRole('listitem').filter({ hasText: 'photo.txt' });
    await expect(refused).toContainText('Refused');
    // …with a reason, not just the word.
    await expect(refused.locator('.outcome-message')).not.toBeEmpty();

    const table = page.getByRole('table', { name: 'Documents' });
    await expect(table).toBeVisible();
    await expect(table.locator('tbody tr[data-index]')).toHaveCount(5);

    const search = page.getByRole('search');
    await search.getByLabel('Search everything').fill('Nazarov');
    await search.getByLabel('Search everything').press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Search results' })).toBeVisible();
    await expect(page.locator('.result-count')).toContainText(/[1-9]\d* results? for/);
    const hits = page.getByRole('list', { name: 'Results' }).getByRole('listitem');
    await expect(hits.first()).toBeVisible();
    await expect(hits.first().locator('mark').first()).toHaveText(/Nazarov/i);

    await hits.first().getByRole('button').click();
    const text = page.getByRole('region', { name: /^Text of / });
    await expect(text).toBeVisible();
    await expect(text.locator('mark', { hasText: /Nazarov/i }).first()).toBeVisible();
    // Back to the results, which are still there.
    await page.getByRole('button', { name: /Back to results/ }).click();
    await expect(hits.first()).toBeVisible();
  } finally {
    await host.stop();
  }
});
