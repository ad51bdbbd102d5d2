// better-sqlite3 is a native module and must be compiled for the runtime that loads it: Node's
// ABI for the tests, CLI and browser host; Electron's ABI for the desktop app. `npm start`
// switches to Electron (electron-builder install-app-deps); `npm test` switches back
// (npm rebuild). A marker file remembers which build is in place so nothing rebuilds needlessly.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const MARKER = '.native-abi';

function current() {
  return existsSync(MARKER) ? readFileSync(MARKER, 'utf8').trim() : 'node';
}

/** Loads better-sqlite3 in a fresh Node process: the truth, whatever the marker says. */
function loadsInNode() {
  const r = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { stdio: 'ignore' });
  return r.status === 0;
}

/** @param {'node' | 'electron'} target */
export function useAbi(target) {
  if (target === 'node') {
    if (loadsInNode()) {
      writeFileSync(MARKER, 'node\n');
      return true;
    }
    console.log('Rebuilding better-sqlite3 for Node (it was built for Electron)…');
    const ok = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit' }).status === 0 && loadsInNode();
    if (ok) writeFileSync(MARKER, 'node\n');
    return ok;
  }
  // The marker names Electron's version: a new Electron needs a new build.
  const version = createRequire(import.meta.url)('electron/package.json').version;
  const marker = `electron@${version}`;
  if (current() === marker) return true;
  console.log('Rebuilding better-sqlite3 for Electron (electron-builder install-app-deps)…');
  const ok = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' }).status === 0;
  if (ok) writeFileSync(MARKER, `${marker}\n`);
  return ok;
}
