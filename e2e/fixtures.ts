// Every browser spec runs with the network watched: the app must make no request that leaves
// 127.0.0.1 (no fonts, no telemetry, no update checks). Such a request is blocked and fails
// the test that caused it.
import { expect, test as base } from '@playwright/test';

export const test = base.extend<{ stayLocal: void }>({
  stayLocal: [
    async ({ context }, use) => {
      const outside: string[] = [];
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        const local = ['http:', 'https:', 'ws:'].includes(url.protocol) ? url.hostname === '127.0.0.1' : true;
        if (local) return route.continue();
        outside.push(url.href);
        return route.abort('blockedbyclient');
      });
      await use();
      expect(outside, 'requests that left 127.0.0.1').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Locator, Page } from '@playwright/test';
