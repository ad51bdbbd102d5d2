// A person edits the framework in the browser host: adds a unit with an alias, a period and a
// third level on a dimension (with its outcomes), saves, and sees them on the Framework screen;
// an invalid edit is refused with a message they can act on, and Cancel discards.
import { expect, test, type Locator, type Page } from './fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-editor-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function openEditor(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Edit framework' }).click();
  const editor = page.getByRole('region', { name: 'Framework editor' });
  await expect(editor.getByLabel('Framework name')).toBeVisible();
  return editor;
}

test('edit the framework: a unit with an alias, a period, a three-level scale; refusals read clearly', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Rasht study');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Rasht study');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Framework' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Framework' })).toBeVisible();
    // The template buttons are still there.
    await expect(page.getByRole('button', { name: 'Export template' })).toBeVisible();
    await expect(page.getByText('Import template')).toBeVisible();

    let editor = await openEditor(page);
    // A unit, under Tajikistan, known in sources as Karategin.
    await editor.getByRole('button', { name: 'Add unit' }).click();
    await editor
      .getByLabel(/^Name of unit \d+$/)
      .last()
      .fill('Rasht Valley');
    await editor
      .getByLabel(/^Kind of unit \d+$/)
      .last()
      .fill('region');
    await editor
      .getByLabel(/^Parent of unit \d+$/)
      .last()
      .selectOption({ label: 'Tajikistan' });
    await editor
      .getByLabel(/^Aliases of unit \d+$/)
      .last()
      .fill('Karategin, Qarotegin');
    // A period.
    await editor.getByRole('button', { name: 'Add period' }).click();
    await editor
      .getByLabel(/^Name of period \d+$/)
      .last()
      .fill('2015–2021');
    await editor
      .getByLabel(/^Start year of period \d+$/)
      .last()
      .fill('2015');
    await editor
      .getByLabel(/^End year of period \d+$/)
      .last()
      .fill('2021');
    // Capability becomes an ordinal scale of three: low < medium < high.
    await editor.getByRole('button', { name: 'Add level to Capability' }).click();
    await editor.getByLabel('Level 3 of Capability').fill('medium');
    await editor.getByRole('button', { name: 'Move medium lower' }).click();
    await expect(editor.getByLabel('Level 2 of Capability')).toHaveValue('medium');
    await editor.getByLabel('Outcome for medium capability and high willingness').selectOption({ label: 'degraded' });
    await editor.getByLabel('Outcome for medium capability and low willingness').selectOption({ label: 'failed' });
    await editor.getByRole('button', { name: 'Save framework' }).click();

    await expect(page.getByRole('status').filter({ hasText: 'Saved the framework' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Framework editor' })).toHaveCount(0);
    const units = page.getByRole('table', { name: 'Units of analysis' });
    await expect(units.getByRole('row').filter({ hasText: 'Rasht Valley' })).toContainText('Karategin, Qarotegin');
    await expect(page.getByRole('table', { name: 'Periods' }).getByRole('row').filter({ hasText: '2015–2021' })).toContainText('2021');
    const outcomes = page.getByRole('table', { name: 'Outcome table' });
    const medium = outcomes.getByRole('row').filter({ hasText: /medium capability/i });
    await expect(medium.getByRole('cell').nth(0)).toHaveText(/degraded/);
    await page.screenshot({ path: 'test-results/framework-editor-saved.png', fullPage: true });

    // The edit is in the project: the editor opens on it again.
    editor = await openEditor(page);
    await expect(editor.getByLabel(/^Aliases of unit \d+$/).last()).toHaveValue('Karategin, Qarotegin');
    await expect(editor.getByLabel('Level 2 of Capability')).toHaveValue('medium');

    // An invalid edit: no name. Refused, with a message that says what to fix; nothing saved.
    await editor.getByLabel('Framework name').fill('');
    await editor
      .getByLabel(/^Name of unit \d+$/)
      .last()
      .fill('');
    await editor.getByRole('button', { name: 'Save framework' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The framework needs a name.');
    await expect(alert).toContainText(/Unit \d+ needs a name\./);
    await expect(editor).toBeVisible();
    await page.screenshot({ path: 'test-results/framework-editor-refused.png', fullPage: true });
    await alert.getByRole('button', { name: 'Dismiss' }).click();

    // A refusal only the host makes (a unit name over 300 characters) reads with row numbers,
    // not the template's paths.
    await editor.getByLabel('Framework name').fill('Capacity, edited');
    await editor
      .getByLabel(/^Name of unit \d+$/)
      .last()
      .fill('x'.repeat(301));
    await editor.getByRole('button', { name: 'Save framework' }).click();
    await expect(alert).toContainText(/The framework was not saved: unit \d+ name/);
    await expect(alert).not.toContainText('units.');
    await alert.getByRole('button', { name: 'Dismiss' }).click();

    // Cancel discards.
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('region', { name: 'Framework editor' })).toHaveCount(0);
    await expect(page.getByText('Capacity, edited')).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Units of analysis' })).toContainText('Rasht Valley');
  } finally {
    await host.stop();
  }
});
