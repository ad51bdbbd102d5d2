// Steps several specs take the same way, as a person does them.
import { expect, type Page } from './fixtures';

export const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** Creates a project from the welcome screen and waits until it is open. */
export async function createProjectNamed(page: Page, name: string): Promise<void> {
  await page.getByLabel('New project name').first().fill(name);
  await page.getByRole('button', { name: 'Create project' }).first().click();
  await expect(page.getByRole('banner')).toContainText(name);
}

/** Creates a code on the Coding screen and waits until it is listed. */
export async function createCode(page: Page, name: string): Promise<void> {
  await nav(page).getByRole('button', { name: 'Coding' }).click();
  const form = page.getByRole('form', { name: 'New code' });
  await form.getByLabel('Code name').fill(name);
  await form.getByRole('button', { name: 'Create code' }).click();
  await expect(page.getByRole('list', { name: 'Codes' })).toContainText(name);
}

/** Closes the open project from the Projects panel, back to the welcome screen. */
export async function closeProject(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('dialog', { name: 'Projects' }).getByRole('button', { name: 'Close project' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Field Coder' })).toBeVisible();
}
