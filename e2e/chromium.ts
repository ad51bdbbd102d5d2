// Debian's Chromium as the e2e suite (playwright.config.ts) and the render bench launch it:
// these machines cannot download Playwright's own build. No imports, so the bench loads nothing
// of Playwright's test runner to read it.
export const CHROMIUM = process.env.FIELD_CODER_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
