// A judgement recorded in the matrix with a reference (at a page) and another excerpt as
// evidence: the cell shows the outcome and counts both, and the cell panel lists them.
import { expect, test, type Page } from './fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-evidence-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Calls the API as the page does, with the token the page holds. */
function call(page: Page, method: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-field-coder-token': sessionStorage.getItem('field-coder-token') ?? '' },
        body: JSON.stringify(i),
      });
      return res.json();
    },
    [method, input] as const,
  );
}

test('record a judgement in the matrix citing a reference at a page and an excerpt', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Evidence study');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Evidence study');

    const bib =
      '@book{markowitz2013, author = {Markowitz, Lawrence P.}, title = {State Erosion}, publisher = {Cornell University Press}, year = {2013}}';
    expect(await call(page, 'references.importCommit', { fileName: 'lib.bib', text: bib, decisions: {} })).toMatchObject({
      ok: true,
      value: { added: 1 },
    });
    const doc = (await call(page, 'documents.importText', {
      title: 'Interview 4',
      text: 'In GBAO the guards tried but failed.',
      kind: 'interview',
    })) as {
      value: { document: { id: string } };
    };
    const code = (await call(page, 'codes.list', {})) as { value: { id: string; name: string }[] };
    const border = code.value.find((c) => c.name === 'border security')!.id;
    expect(await call(page, 'excerpts.create', { documentId: doc.value.document.id, start: 8, end: 36, codeIds: [border] })).toMatchObject({
      ok: true,
    });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Framework' }).click();
    const cell = page.getByRole('table', { name: 'Matrix' }).getByRole('button', { name: /^GBAO, 1997–2005:/ });
    await cell.click();
    const panel = page.getByRole('dialog', { name: 'Cell GBAO, 1997–2005' });
    await panel.getByLabel('Capability level').selectOption({ label: 'low' });
    await panel.getByLabel('Willingness level').selectOption({ label: 'high' });
    await panel.getByLabel('Reference').selectOption({ label: 'markowitz2013 — State Erosion' });
    await panel.getByLabel('Page or section').fill('p. 24');
    await panel.getByRole('button', { name: 'Add reference' }).click();
    // Excerpts are searched as you type (a part of a word is enough), not listed in full.
    await panel.getByRole('searchbox', { name: 'Find an excerpt' }).fill('guar');
    const excerptChoice = panel.getByRole('combobox', { name: /^Excerpt/ });
    await expect(excerptChoice.getByRole('option', { name: /guards tried but failed/ })).toHaveCount(1);
    await panel.getByRole('searchbox', { name: 'Find an excerpt' }).fill('zebra');
    await expect(excerptChoice.getByRole('option')).toHaveText(['no excerpt has those words']);
    await panel.getByRole('searchbox', { name: 'Find an excerpt' }).fill('guar');
    await excerptChoice.selectOption({ index: 1 });
    await panel.getByRole('button', { name: 'Add excerpt' }).click();
    await expect(panel.getByRole('list', { name: 'Evidence to cite' })).toContainText('markowitz2013, p. 24');
    await panel.getByRole('button', { name: 'Record judgement' }).click();

    await expect(cell).toHaveAccessibleName('GBAO, 1997–2005: degraded, evidence 2, agreed');
    await expect(panel.getByRole('list', { name: 'Evidence' }).first()).toContainText('State Erosion');
    await expect(panel.getByRole('list', { name: 'Evidence' }).first()).toContainText('guards tried but failed');
  } finally {
    await host.stop();
  }
});
