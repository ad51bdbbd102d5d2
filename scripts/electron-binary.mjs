// Where the Electron binary is, or why there is none. Electron's npm package downloads its
// binary in an install script; this project denies that script (package.json allowScripts) so
// that `npm install` works on machines that cannot reach Electron's download servers, and
// `npm start` fetches the binary on first use instead.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { missing: string, installScript?: string }} */
export function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (npm install skipped it)' };
  }
  const installScript = join(pkgDir, 'install.js');
  try {
    const path = require('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
  } catch {
    // electron/index.js throws when its binary was never downloaded
  }
  return { missing: 'the Electron binary has not been downloaded', installScript };
}
