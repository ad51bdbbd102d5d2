// A person imports a BibTeX file (one title carries HTML, which must show as text), sorts and
// filters the library, adds a book by hand and corrects its year, imports a duplicate and merges
// it, links a document to a reference and sees "Used by", deletes and undoes, and exports.
import { expect, test, type Page } from './fixtures';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-references-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const HOSTILE = '<img src=x onerror=alert(1)> State Erosion';

function writeFile(name: string, text: string): string {
  const path = join(dataDir, name);
  writeFileSync(path, text);
  return path;
}

const FIRST = writeFile(
  'library.bib',
  `@article{markowitz2013,
  author = {Markowitz, Lawrence P.},
  title = {${HOSTILE}},
  journal = {Post-Soviet Affairs},
  year = {2013},
  doi = {10.1080/1060586X.2013.778544},
}
@book{heathershaw2009,
  author = {Heathershaw, John},
  title = {Post-Conflict Tajikistan},
  publisher = {Routledge},
  year = {2009},
}
`,
);

const SECOND = writeFile(
  'again.bib',
  `@article{markowitz2013b,
  author = {Markowitz, L.},
  title = {State erosion, preprint},
  journal = {Post-Soviet Affairs},
  volume = {29},
  year = {2013},
  doi = {https://doi.org/10.1080/1060586x.2013.778544},
}
`,
);

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const event = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await event;
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

test('references: import, sort, filter, add, edit, merge a duplicate, used by, delete with undo, export', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Reading list');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Reading list');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'References' }).click();
    await expect(page.getByText('No references yet.')).toBeVisible();

    // Import: both entries are new, so both default to Add.
    await page.getByLabel('Import references…').setInputFiles(FIRST);
    const review = page.getByRole('region', { name: 'Review import' });
    await expect(review.getByRole('listitem')).toHaveCount(2);
    await review.getByRole('button', { name: 'Import 2 references' }).click();
    const status = page.getByRole('status').filter({ hasText: /Imported|Added|Saved|Deleted|Restored|Exported/ });
    await expect(status).toContainText('Imported library.bib: 2 added, 0 merged, 0 skipped.');

    const table = page.getByRole('table', { name: 'References' });
    const rows = table.locator('tbody tr[data-index]');
    await expect(rows).toHaveCount(2);
    // The HTML in the title is text: shown as typed, never an element, never run.
    await expect(table.getByRole('rowheader', { name: HOSTILE })).toHaveText(HOSTILE);
    await expect(page.locator('img')).toHaveCount(0);

    // Sort by year: oldest first, then newest first.
    const year = table.getByRole('button', { name: 'Year' });
    await year.click();
    await expect(table.getByRole('columnheader', { name: 'Year' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(rows.first()).toContainText('heathershaw2009');
    await year.click();
    await expect(rows.first()).toContainText('markowitz2013');

    // Filter across fields, and by type.
    const filter = page.getByLabel('Filter references');
    await filter.fill('tajikistan 2009');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('heathershaw2009');
    await filter.fill('10.1080/1060586x');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('markowitz2013');
    await filter.fill('');
    await page.getByLabel('Type', { exact: true }).first().selectOption('book');
    await expect(rows).toHaveCount(1);
    await page.getByLabel('Type', { exact: true }).first().selectOption('');
    await expect(rows).toHaveCount(2);

    // Add a book by hand with two authors, then correct its year.
    await page.getByRole('button', { name: 'Add reference' }).click();
    const editor = page.getByRole('region', { name: 'Add reference' });
    await editor.getByLabel('Type').selectOption('book');
    await editor.getByLabel('Title').fill('The Tajik Civil War');
    await editor.getByLabel('Authors').fill('Matveeva, Anna\nNourzhanov, Kirill');
    await editor.getByLabel('Year or date').fill('2005');
    await editor.getByLabel('Publisher').fill('Routledge');
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(status).toContainText('Added “The Tajik Civil War” as matveeva2005.');
    const book = rows.filter({ hasText: 'matveeva2005' });
    await expect(book).toContainText('Anna Matveeva; Kirill Nourzhanov');
    await expect(book).toHaveAttribute('aria-current', 'true');

    const edit = page.getByRole('region', { name: 'Edit reference' });
    await expect(edit.getByLabel('Citation key')).toHaveValue('matveeva2005');
    await edit.getByLabel('Year or date').fill('2006');
    // Opening another row with the change unsaved asks first; declining keeps the draft.
    await rows.filter({ hasText: 'heathershaw2009' }).click();
    await expect(edit.getByLabel('Year or date')).toHaveValue('2006');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(status).toContainText('Saved “The Tajik Civil War”.');
    await expect(book).toContainText('2006');

    // The same DOI again: flagged, Skip by default; merging fills the volume the library lacked.
    await page.getByLabel('Import references…').setInputFiles(SECOND);
    const candidate = review.getByRole('listitem');
    await expect(candidate).toContainText('Possible duplicate of markowitz2013');
    await expect(candidate).toContainText('same DOI');
    await expect(candidate.getByRole('radio', { name: 'Skip' })).toBeChecked();
    await candidate.getByRole('radio', { name: 'Merge' }).check();
    await review.getByRole('button', { name: 'Import 1 reference' }).click();
    await expect(status).toContainText('Imported again.bib: 0 added, 1 merged, 0 skipped.');
    await expect(rows).toHaveCount(3);
    await rows.filter({ hasText: 'markowitz2013' }).click();
    await expect(edit.getByLabel('Volume')).toHaveValue('29');
    await expect(edit.getByLabel('Title')).toHaveValue(HOSTILE);

    // A document that is the text of a reference counts under "Used by".
    await nav.getByRole('button', { name: 'Documents' }).click();
    await page.getByRole('button', { name: 'Paste text…' }).click();
    const paste = page.getByRole('form', { name: 'Paste text' });
    await paste.getByLabel('Title').fill('Markowitz, full text');
    await paste.getByLabel('Text').fill('Unlootable resources and unruly elites in Central Asia.');
    await paste.getByRole('button', { name: 'Import pasted text' }).click();
    await page.getByRole('table', { name: 'Documents' }).locator('tbody tr[data-index]').first().click();
    await page.getByLabel('Reference', { exact: true }).selectOption({ label: `markowitz2013 — ${HOSTILE} (2013)` });
    await expect(page.getByLabel('Reference', { exact: true })).not.toHaveValue('');
    await nav.getByRole('button', { name: 'References' }).click();
    await expect(rows.filter({ hasText: 'markowitz2013' })).toContainText('1 document · 0 evidence · 0 memos');
    await expect(rows.filter({ hasText: 'heathershaw2009' })).toContainText('Not used');

    // Delete, then Undo.
    await rows.filter({ hasText: 'matveeva2005' }).click();
    await edit.getByRole('button', { name: 'Delete' }).click();
    await expect(status).toContainText('Deleted “The Tajik Civil War”.');
    await expect(rows).toHaveCount(2);
    await status.getByRole('button', { name: 'Undo' }).click();
    await expect(status).toContainText('Restored “The Tajik Civil War”.');
    await expect(rows).toHaveCount(3);

    // Export both ways.
    const bib = await download(page, 'Export BibTeX');
    expect(bib.name).toBe('references.bib');
    for (const key of ['markowitz2013', 'heathershaw2009', 'matveeva2005']) expect(bib.text).toContain(key);
    const csl = await download(page, 'Export CSL-JSON');
    expect(csl.name).toBe('references.json');
    const items = JSON.parse(csl.text) as { id: string; title?: string; volume?: string }[];
    expect(items.map((i) => i.id).sort()).toEqual(['heathershaw2009', 'markowitz2013', 'matveeva2005']);
    expect(items.find((i) => i.id === 'markowitz2013')).toMatchObject({ title: HOSTILE, volume: '29' });

    // The one dialog was the question about unsaved changes: the title's onerror never ran.
    expect(dialogs).toEqual(['Discard the changes you have not saved?']);
  } finally {
    await host.stop();
  }
});
