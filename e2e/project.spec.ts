// A person creates a project in the browser host, sees the framework template, and after a
// restart reopens it and sees it again. Real host process, real SQLite file, Debian Chromium.
import { expect, test, type Page } from './fixtures';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every request the page makes must stay on the host: the app makes no network calls. */
function watchRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) foreign.push(r.url());
  });
  return foreign;
}

async function expectFrameworkTemplate(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Framework' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Framework' })).toBeVisible();
  const outcomes = page.getByRole('table', { name: 'Outcome table' });
  await expect(outcomes).toBeVisible();
  for (const o of ['hegemonic', 'captured', 'degraded', 'failed']) await expect(outcomes.getByText(o, { exact: true })).toBeVisible();
  // high capability + low willingness -> captured, as in the memo's Table 1
  const highCapability = outcomes.getByRole('row').filter({ hasText: /high capability/i });
  await expect(highCapability.getByRole('cell').nth(1)).toHaveText(/captured/);
  const units = page.getByRole('table', { name: 'Units of analysis' });
  for (const u of ['Sughd Province', 'GBAO', 'Tajik–Afghan border', 'Khatlon Province'])
    await expect(units.getByText(u, { exact: true })).toBeVisible();
  await expect(units.getByText(/Hatlon/)).toBeVisible();
  const periods = page.getByRole('table', { name: 'Periods' });
  for (const p of ['1991–1997', '1997–2005', '2005–2010', '2010–2015']) await expect(periods.getByText(p, { exact: true })).toBeVisible();
}

test('create a project, see the framework, restart, reopen it, see it again', async ({ page }) => {
  let host = await startHost(dataDir, ['--no-default']);
  try {
    const foreign = watchRequests(page, host.origin);
    await page.goto(host.url);
    // the token moved from the address bar into the session
    await expect(page).not.toHaveURL(/token=/);
    await page.getByLabel('New project name').first().fill('Dushanbe interviews');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Dushanbe interviews');
    await expectFrameworkTemplate(page);
    expect(existsSync(join(dataDir, 'projects', 'Dushanbe interviews.fieldcoder'))).toBe(true);
    expect(foreign).toEqual([]);
  } finally {
    await host.stop();
  }

  host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Projects' }).click();
    const panel = page.getByRole('dialog', { name: 'Projects' });
    await panel.getByRole('button', { name: 'Open Dushanbe interviews' }).click();
    await expect(page.getByRole('banner')).toContainText('Dushanbe interviews');
    await expectFrameworkTemplate(page);
  } finally {
    await host.stop();
  }
});

test('errors read as messages: a duplicate project name is refused clearly', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Dushanbe interviews');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('alert')).toContainText('already a project called');
  } finally {
    await host.stop();
  }
});

test('without the token the page cannot call the API', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.origin + '/');
    await expect(page.getByRole('alert')).toContainText(/token/i);
  } finally {
    await host.stop();
  }
});
