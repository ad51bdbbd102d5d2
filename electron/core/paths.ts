// Where the app's own files are, whether it runs from source (tests), from dist/ (CLI, host,
// Electron) or from a packaged app: walk up from this module to the package root.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'field-coder') {
          cachedRoot = dir;
          return dir;
        }
      } catch {
        // not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Field Coder package root');
    dir = parent;
  }
}

export const migrationsDir = (): string => join(packageRoot(), 'migrations');
export const resourcesDir = (): string => join(packageRoot(), 'resources');
export const rendererDir = (): string => join(packageRoot(), 'dist', 'renderer');

/**
 * A module file as a worker thread can load it. In a packaged app, modules resolve to paths
 * inside app.asar, which a worker thread's module loader cannot read; the packages that workers
 * load are unpacked beside it (`asarUnpack` in package.json), so use that copy when it exists.
 */
export function unpackedPath(path: string): string {
  const unpacked = path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}
