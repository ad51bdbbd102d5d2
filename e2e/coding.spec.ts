// A person codes a passage of an imported text with "border security" through the reader's
// popover, finds the excerpt in the Coding screen's Excerpts table, opens it from there, records
// an assessment for Sughd Province × 1991–1997 with that excerpt as evidence, and sees the
// matrix cell show the outcome "degraded" with one piece of evidence.
import { expect, test } from './fixtures';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from './web-host';

const here = dirname(fileURLToPath(import.meta.url));
const SEEDS = resolve(here, '..', '..', 'shared', 'seeds');
const seed = join(
  SEEDS,
  readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()[0]!,
);

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-coding-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('code a passage, see it in the Excerpts table, assess a cell with it as evidence and see the matrix', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Coding study');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Coding study');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Documents' }).click();
    await page.getByLabel('Import files').setInputFiles([seed]);
    await expect(page.getByRole('region', { name: 'Import results' }).getByRole('listitem')).toContainText('Imported', { timeout: 30_000 });

    // Open the document and select the start of its first paragraph.
    await page.getByRole('table', { name: 'Documents' }).locator('tbody tr[data-index]').first().click();
    const text = page.getByRole('region', { name: /^Text of / });
    await expect(text.locator('p[data-start]').first()).toBeVisible();
    const selected = await text.evaluate((region) => {
      const paragraph = region.querySelector('p[data-start]')!;
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      const node = walker.nextNode()!;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(60, node.textContent!.length));
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      paragraph.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return range.toString().trim();
    });

    const popover = page.getByRole('dialog', { name: 'Code selection' });
    await expect(popover).toBeVisible();
    await popover.getByLabel('Find a code').fill('border security');
    await expect(popover.getByRole('option', { name: 'border security' })).toBeVisible();
    await popover.getByLabel('Find a code').press('Enter');
    await expect(popover.getByRole('list', { name: 'Chosen codes' })).toContainText('border security');
    // Buttons refuse clicks while a call is under way (aria-disabled): wait for a quiet moment.
    const codeButton = popover.getByRole('button', { name: 'Code', exact: true });
    await expect(codeButton).not.toHaveAttribute('aria-disabled', 'true');
    await codeButton.click();
    await expect(popover).toBeHidden();
    await expect(page.getByText('Coded the excerpt with border security.')).toBeVisible();
    // The coded text is marked, with a stripe in the margin named after the code.
    await expect(text.locator('.coded').first()).toBeVisible();
    await expect(text.getByRole('button', { name: 'Excerpt coded border security' })).toHaveCount(1);

    // The Coding screen lists it; a row opens the reader at the excerpt.
    await nav.getByRole('button', { name: 'Coding' }).click();
    const excerpts = page.getByRole('table', { name: 'Excerpts' });
    const row = excerpts.locator('tbody tr[data-index]');
    await expect(row).toHaveCount(1);
    await expect(row.first()).toContainText('border security');
    await expect(row.first()).toContainText(selected.slice(0, 20));
    await row.first().click();

    const panel = page.getByRole('region', { name: 'Selected excerpt' });
    await expect(panel).toContainText(selected.slice(0, 20));
    await panel.getByRole('button', { name: 'Record assessment…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record assessment' });
    await dialog.getByLabel('Unit').selectOption({ label: 'Sughd Province' });
    await dialog.getByLabel('Period').selectOption({ label: '1991–1997' });
    await dialog.getByLabel('Capability level').selectOption({ label: 'low' });
    await dialog.getByLabel('Willingness level').selectOption({ label: 'high' });
    // The passage speaks to capability: cite it there only (the matrix counts each citation).
    await dialog.getByLabel('Cite the excerpt as evidence for Willingness').uncheck();
    await expect(dialog.getByRole('button', { name: 'Record judgement' })).not.toHaveAttribute('aria-disabled', 'true');
    await dialog.getByRole('button', { name: 'Record judgement' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Recorded 2 judgements.')).toBeVisible();

    // The matrix shows the cell's outcome and its evidence.
    await nav.getByRole('button', { name: 'Framework' }).click();
    const matrix = page.getByRole('table', { name: 'Matrix' });
    const cell = matrix.getByRole('button', { name: /^Sughd Province, 1991–1997:/ });
    await expect(cell).toHaveAccessibleName('Sughd Province, 1991–1997: degraded, evidence 1, agreed');
    await expect(cell).toContainText('degraded');
    await expect(cell).toContainText('1 ev.');

    // The cell panel shows the judgements with the excerpt as evidence.
    await cell.click();
    const cellPanel = page.getByRole('dialog', { name: 'Cell Sughd Province, 1991–1997' });
    await expect(cellPanel.getByRole('list', { name: 'Evidence' }).first()).toContainText(selected.slice(0, 20));

    // …and the evidence opens the reader at the excerpt, selected.
    await cellPanel.getByRole('list', { name: 'Evidence' }).first().getByRole('button').first().click();
    await expect(page.getByRole('region', { name: 'Selected excerpt' })).toContainText(selected.slice(0, 20));
    await expect(page.getByRole('button', { name: /Back to the framework/ })).toBeVisible();
  } finally {
    await host.stop();
  }
});
