// Merging a colleague's copy through the Exchange screen: the dry run says what would change,
// the merge makes a backup first, the colleague's new code arrives, and a name both people
// changed apart waits in Conflicts until the person picks one.
import { expect, test } from './fixtures';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCode, updateCode } from '../electron/coding/codes-service';
import { createProject, openProject } from '../electron/project/open-project';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-merge-'));
const elsewhere = mkdtempSync(join(tmpdir(), 'fc-e2e-merge-theirs-'));
test.afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

const me = { deviceId: '0123456789abcdef', coderId: '00000000-0000-4000-8000-000000000001', coderName: 'Me' };
const colleague = { deviceId: 'fedcba9876543210', coderId: '00000000-0000-4000-8000-000000000002', coderName: 'Colleague' };

/** Two copies of one project: the colleague adds a code; both rename "borders", apart. */
async function prepare(): Promise<{ mine: string; theirs: string }> {
  mkdirSync(join(dataDir, 'projects'));
  const mine = join(dataDir, 'projects', 'Fieldwork.fieldcoder');
  const theirs = join(elsewhere, 'Fieldwork-colleague.fieldcoder');
  const { project } = await createProject(mine, me, { name: 'Fieldwork' });
  const borders = createCode(project, { name: 'borders' });
  await project.db.backup(theirs);
  project.close();

  const { project: copy } = await openProject(theirs, colleague);
  createCode(copy, { name: 'water access' });
  updateCode(copy, borders.id, { name: 'border crossings' });
  copy.close();

  const { project: again } = await openProject(mine, me);
  updateCode(again, borders.id, { name: 'frontiers' });
  again.close();
  // The host is this same person on this same device, and opens the project at once.
  writeFileSync(join(dataDir, 'device.json'), JSON.stringify({ ...me, recent: [mine] }));
  return { mine, theirs };
}

test('merge a colleague’s file: dry run, merge with backup, new code, resolve the rename conflict', async ({ page }) => {
  const { theirs } = await prepare();
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByRole('banner')).toContainText('Fieldwork');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Exchange' }).click();
    const conflicts = page.getByRole('region', { name: 'Conflicts' });
    await expect(conflicts).toContainText('No conflicts: every field agrees.');

    const panel = page.getByRole('region', { name: 'Merge a colleague’s file' });
    const input = panel.getByLabel('Choose a colleague’s file to merge');
    // A file that is not a project: the host's reason, and nothing to merge.
    await input.setInputFiles({ name: 'notes.fieldcoder', mimeType: 'application/octet-stream', buffer: Buffer.from('just notes') });
    await expect(page.getByRole('alert')).toContainText('not a Field Coder project');
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await expect(panel.getByRole('button', { name: 'Merge', exact: true })).toHaveCount(0);

    await input.setInputFiles(theirs);
    await expect(panel).toContainText(/Merging would bring: .*1 new code\b.*1 conflict/);
    const counts = panel.getByRole('table', { name: /What merging “Fieldwork-colleague.fieldcoder” would change/ });
    await expect(counts.getByRole('row', { name: /Codes/ })).toContainText('1');
    await expect(panel.getByLabel('Also merge identities (real names)')).not.toBeChecked();

    await panel.getByRole('button', { name: 'Merge', exact: true }).click();
    const status = panel.getByRole('status');
    await expect(status).toContainText('Merged “Fieldwork-colleague.fieldcoder”: ');
    await expect(status).toContainText(/A backup was made first: .*\.fieldcoder/);
    await status.getByRole('button', { name: '1 conflict to look at in Conflicts' }).click();
    await expect(conflicts.getByRole('heading', { name: 'Conflicts' })).toBeFocused();

    const row = conflicts.getByRole('row', { name: /Code name — frontiers/ });
    await expect(row).toContainText('frontiers');
    await expect(row).toContainText('border crossings');

    await nav.getByRole('button', { name: 'Coding' }).click();
    const codes = page.getByRole('list', { name: 'Codes' });
    await expect(codes).toContainText('water access');
    await expect(codes).toContainText('frontiers');

    await nav.getByRole('button', { name: 'Exchange' }).click();
    await conflicts
      .getByRole('row', { name: /Code name — frontiers/ })
      .getByRole('button', { name: 'Use other' })
      .click();
    await expect(conflicts).toContainText('No conflicts: every field agrees.');
    await nav.getByRole('button', { name: 'Coding' }).click();
    await expect(codes).toContainText('border crossings');
    await expect(codes).not.toContainText('frontiers');
  } finally {
    await host.stop();
  }
});
