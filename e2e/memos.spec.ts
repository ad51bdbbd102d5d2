// A memo from start to export: the type-ahead cites a reference at a page and an interview by
// role; a consensus matrix and an excerpt quotation go in as live blocks; the preview shows
// Chicago footnotes, then APA in-text citations; a version is saved, the text edited and the
// version restored; the Word export has real footnotes and a table, the HTML export no script.
import { expect, test, type Page } from './fixtures';
import { unzipSync, strFromU8 } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-memos-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Calls the API as the page does, with the token the page holds; fails the test on an error. */
async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  const res = (await page.evaluate(
    async ([m, i]) => {
      const r = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-field-coder-token': sessionStorage.getItem('field-coder-token') ?? '' },
        body: JSON.stringify(i),
      });
      return r.json();
    },
    [method, input] as const,
  )) as { ok: boolean; value: T; error?: unknown };
  expect(res, `${method}: ${JSON.stringify(res.error)}`).toMatchObject({ ok: true });
  return res.value;
}

interface Fw {
  units: { id: string; name: string; inMatrix: boolean }[];
  periods: { id: string; name: string }[];
  dimensions: { id: string; levels: { id: string; name: string }[] }[];
}

async function setUp(page: Page): Promise<void> {
  const bib =
    '@book{markowitz2013, author = {Markowitz, Lawrence P.}, title = {State Erosion}, publisher = {Cornell University Press}, year = {2013}}';
  await call(page, 'references.importCommit', { fileName: 'lib.bib', text: bib, decisions: {} });
  const doc = await call<{ document: { id: string } }>(page, 'documents.importText', {
    title: 'Interview 7',
    text: 'The border posts were left without fuel for months.',
    kind: 'interview',
  });
  const documentId = doc.document.id;
  await call(page, 'documents.update', {
    id: documentId,
    patch: { role: 'NGO team leader', place: 'Dushanbe', interviewDate: '2016-05-01' },
  });
  await call(page, 'excerpts.create', { documentId, start: 4, end: 50, codeIds: [] });
  // Consensus judgements on every dimension of one cell, so Table 2 shows an outcome there.
  const fw = await call<Fw>(page, 'framework.get', {});
  const unit = fw.units.find((u) => u.inMatrix)!;
  for (const d of fw.dimensions) {
    await call(page, 'assessments.record', {
      unitId: unit.id,
      periodId: fw.periods[0]!.id,
      dimensionId: d.id,
      levelId: d.levels[0]!.id,
      consensus: true,
    });
  }
}

async function download(page: Page, action: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  return readFileSync((await file.path())!);
}

test('write a memo with citations and live blocks, version it and export it', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('Memo study');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('Memo study');
    await setUp(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Memos' }).click();
    await page.getByRole('button', { name: 'New memo' }).click();
    await page.getByLabel('Title').fill('Border memo');

    const body = page.getByLabel('Text (Markdown)');
    await body.click();
    await body.pressSequentially('Posts were abandoned [@mark');
    const list = page.getByRole('listbox', { name: 'Citations' });
    await expect(list.getByRole('option')).toHaveText([/@markowitz2013\s+State Erosion/]);
    await expect(body).toHaveAttribute('aria-activedescendant', /.+/);
    await body.press('Enter');
    await body.pressSequentially(', p. 24]. A team leader agreed [@Dusha');
    await expect(list.getByRole('option')).toHaveText([/Interview with an NGO team leader, Dushanbe/]);
    await body.press('Tab');
    await expect(list).toBeHidden();
    await body.pressSequentially('].');
    await expect(body).toHaveValue(/^Posts were abandoned \[@markowitz2013, p\. 24\]\. A team leader agreed \[@int-[0-9a-f]{8}\]\.$/);

    // A key chosen inside the text leaves the caret after it as soon as the new text is in, not a
    // frame later: keys typed meanwhile (a fast typist's "]") went in at the end of the text.
    const written = await body.inputValue();
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(21, 21)); // after "abandoned "
    await body.pressSequentially('[@Dusha');
    await expect(list.getByRole('option')).toHaveText([/Interview with an NGO team leader, Dushanbe/]);
    const caret = await body.evaluate(async (el: HTMLTextAreaElement) => {
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
      for (let i = 0; i < 10; i++) await Promise.resolve(); // React commits in a microtask; a frame is later
      return { before: el.value.slice(0, el.selectionStart) };
    });
    expect(caret.before).toMatch(/^Posts were abandoned \[@int-[0-9a-f]{8}$/);
    await body.fill(written);
    await expect(list).toBeHidden();
    // The same for a live block put in from the toolbar: the caret is past it (and the blank line
    // after it) as soon as it is in.
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(21, 21));
    const outcomes = page.getByRole('group', { name: 'Insert live block' }).getByRole('button', { name: 'Table 1 (outcomes)' });
    const afterBlock = await page.evaluate(
      async ([button, area]) => {
        (button as HTMLButtonElement).click();
        for (let i = 0; i < 10; i++) await Promise.resolve();
        const el = area as HTMLTextAreaElement;
        return el.value.slice(0, el.selectionStart);
      },
      [await outcomes.elementHandle(), await body.elementHandle()],
    );
    expect(afterBlock).toBe('Posts were abandoned\n\n{{outcomes}}\n\n');
    await body.fill(written);

    await page.getByRole('button', { name: 'Table 2 (matrix)' }).click();
    const matrix = page.getByRole('dialog', { name: 'Insert Table 2 (matrix)' });
    await matrix.getByLabel('Consensus').check();
    await matrix.getByRole('button', { name: 'Insert table' }).click();
    await page.getByRole('button', { name: 'Quote excerpt' }).click();
    const picker = page.getByRole('dialog', { name: 'Quote an excerpt' });
    await picker.getByLabel('Find an excerpt').fill('fuel');
    await picker.getByRole('button', { name: /without fuel/ }).click();
    await expect(body).toHaveValue(/\n\n\{\{matrix view=consensus\}\}\n\n\{\{excerpt id=[0-9a-f-]{36}\}\}\n/);
    await page.getByRole('button', { name: 'Evidence for a cell' }).click();
    await page.getByRole('dialog', { name: 'Evidence for a cell' }).getByRole('button', { name: 'Insert evidence' }).click();
    await expect(body).toHaveValue(/\n\n\{\{evidence unit="[^"]+" period="[^"]+"\}\}\n$/);

    const preview = page.getByRole('region', { name: 'Preview' });
    const notes = preview.getByRole('region', { name: 'Notes' });
    await expect(notes.getByRole('listitem').first()).toContainText('State Erosion');
    await expect(notes.getByRole('listitem').first()).toContainText(', 24.');
    await expect(notes.getByRole('listitem').nth(1)).toHaveText('Interview with an NGO team leader, Dushanbe, 2016.');
    await expect(preview.getByRole('table')).toContainText('Table 1.');
    await expect(preview.locator('blockquote')).toContainText('without fuel');
    // A live block that cannot be built says so in bold brackets; none of these should.
    await expect(preview.locator('strong', { hasText: '{{' })).toHaveCount(0);
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();

    await preview.getByLabel('Citation style').selectOption('apa');
    await expect(preview.getByRole('paragraph').first()).toContainText('(Markowitz, 2013, p. 24');
    await expect(notes).toBeHidden();

    // A version, an edit, and back to the version.
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect(page.getByText('Saved a version.')).toBeVisible();
    await body.press('End');
    await body.press('Control+End');
    await body.pressSequentially('\nA sentence to take back.');
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Versions' }).click();
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions
      .getByRole('listitem')
      .filter({ hasText: 'Posts were abandoned' })
      .filter({ hasNotText: 'take back' })
      .first()
      .getByRole('button', { name: /^Restore/ })
      .click();
    await page.getByRole('dialog', { name: 'Restore this version?' }).getByRole('button', { name: 'Restore this version' }).click();
    await expect(body).not.toHaveValue(/take back/);
    await expect(body).toHaveValue(/^Posts were abandoned/);

    // Word: real footnotes with the reference's note and the interview, and a real table.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export memo' });
    await dialog.getByLabel('Format').selectOption('docx');
    await dialog.getByLabel('Citation style').selectOption('chicago');
    const docx = unzipSync(new Uint8Array(await download(page, () => dialog.getByRole('button', { name: 'Export', exact: true }).click())));
    const footnotes = strFromU8(docx['word/footnotes.xml']!);
    expect(footnotes).toContain('State Erosion');
    expect(footnotes).toContain('Interview with an NGO team leader, Dushanbe, 2016.');
    expect(strFromU8(docx['word/document.xml']!)).toContain('<w:tbl>');
    await expect(dialog.getByRole('region', { name: 'Export report' })).toContainText('3 citations of 2 sources');

    // HTML, with a place on the redaction list: no script, and the place gone.
    await dialog.getByLabel('Format').selectOption('html');
    await dialog.getByLabel('Redaction list').fill('Dushanbe');
    const html = (await download(page, () => dialog.getByRole('button', { name: 'Export', exact: true }).click())).toString('utf8');
    expect(html).toContain('State Erosion');
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('Dushanbe');
    await expect(dialog.getByRole('region', { name: 'Export report' })).toContainText(/Redacted ‘Dushanbe’ (once|\d+ times)/);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // A Markdown file in, with a key nothing matches; text typed just before switching memo is kept.
    await page.getByLabel('Import Markdown').setInputFiles({
      name: 'field-notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('# Field notes\n\nAs argued [@nobody2020].\n'),
    });
    await expect(page.getByRole('status').filter({ hasText: 'Imported “field-notes”' })).toContainText('nobody2020');
    await expect(preview.getByText('[@nobody2020]')).toBeVisible();
    const memos = page.getByRole('list', { name: 'Memos' });
    await body.press('Control+End');
    await body.pressSequentially('Typed in haste.');
    await memos.getByRole('button', { name: /Border memo/ }).click();
    await expect(body).toHaveValue(/^Posts were abandoned/);
    await memos.getByRole('button', { name: /field-notes/ }).click();
    await expect(body).toHaveValue(/Typed in haste\.$/);

    // To the trash and back.
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await expect(memos.getByRole('button')).toHaveCount(1);
    await page.getByRole('status').filter({ hasText: 'Moved “field-notes” to the trash.' }).getByRole('button', { name: 'Undo' }).click();
    await expect(memos.getByRole('button')).toHaveCount(2);
    await expect(body).toHaveValue(/Typed in haste\.$/);
  } finally {
    await host.stop();
  }
});
