// A project from another QDA tool comes in through REFI-QDA with a report of what arrived and
// what could not, and this project goes out as a .qdpx with the report of what was carried in
// another form (assessments) or left out.
import { expect, test } from './fixtures';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-refi-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const SAMPLE = join(process.cwd(), '..', 'shared', 'refi-qda', 'sample-qc-demo.qdpx');

test('import a QualCoder project and export this one as .qdpx', async ({ page }) => {
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    await page.getByLabel('New project name').first().fill('From QualCoder');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    await expect(page.getByRole('banner')).toContainText('From QualCoder');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Exchange' }).click();

    await page.getByLabel('Import .qdpx or .qdc').setInputFiles(SAMPLE);
    const report = page.getByRole('status').filter({ hasText: 'Imported from' });
    await expect(report).toContainText('2 documents');
    await expect(report).toContainText('158 excerpts');
    await expect(report).toContainText('205 codings');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .qdpx' }).click()]);
    expect(download.suggestedFilename()).toBe('From QualCoder.qdpx');
    const zip = unzipSync(readFileSync((await download.path())!));
    const qde = strFromU8(zip['project.qde']!);
    expect(qde).toContain('urn:QDA-XML:project:1.0');
    expect(qde).not.toContain('basePath');
    expect(Object.keys(zip).filter((k) => k.startsWith('sources/'))).toHaveLength(2);
    await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toContainText('Left out:');
  } finally {
    await host.stop();
  }
});
