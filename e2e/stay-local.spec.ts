// The network watch of e2e/fixtures.ts must have teeth: a page that reaches beyond 127.0.0.1
// fails its test. (Expected to fail; Playwright reports it as passing when it does.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './fixtures';
import { startHost } from './web-host';

const dataDir = mkdtempSync(join(tmpdir(), 'fc-e2e-local-'));
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('a request that leaves 127.0.0.1 fails the test', async ({ page }) => {
  test.fail();
  const host = await startHost(dataDir, ['--no-default']);
  try {
    await page.goto(host.url);
    // (The app's CSP already stops fetches from its page; a navigation is what gets past that.)
    await page.goto('https://example.org/').catch(() => undefined);
  } finally {
    await host.stop();
  }
});
