// Bundles the Node side (CLI, browser host, Electron main and preload) with esbuild.
// Runs on `npm install` (prepare) so that the `field-coder` CLI works at once.
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};

const entries = [
  { in: 'electron/cli/main.ts', out: 'dist/node/cli.js' },
  { in: 'electron/host/web-main.ts', out: 'dist/node/web.js' },
  { in: 'bench/bench.ts', out: 'dist/node/bench.js' },
];

await Promise.all(
  entries.filter((e) => existsSync(e.in)).map((e) => build({ ...common, format: 'esm', entryPoints: [e.in], outfile: e.out })),
);

// Electron's main process (ESM) and its sandboxed preload, which must be one CommonJS file.
if (existsSync('electron/shell/main.ts')) {
  await build({
    ...common,
    format: 'esm',
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/electron/main.js',
    external: ['electron'],
  });
  // The preload forwards only the contract's calls. It gets their names as a constant rather
  // than importing the contract, which would bundle zod into every window.
  mkdirSync('dist', { recursive: true });
  const tmp = mkdtempSync(join('dist', '.contract-'));
  await build({ ...common, format: 'esm', entryPoints: ['electron/api/contract.ts'], outfile: join(tmp, 'contract.mjs') });
  const { METHODS } = await import(pathToFileURL(resolve(tmp, 'contract.mjs')).href);
  rmSync(tmp, { recursive: true, force: true });
  await build({
    ...common,
    packages: undefined,
    define: { __FIELD_CODER_METHODS__: JSON.stringify(METHODS) },
    format: 'cjs',
    entryPoints: ['electron/shell/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
  });
}
