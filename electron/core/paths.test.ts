// Module paths for worker threads in a packaged app: the unpacked copy beside app.asar.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/tmp.js';
import { packageRoot, unpackedPath } from './paths.js';

describe('unpackedPath', () => {
  it('points into app.asar.unpacked when the file is unpacked there, else leaves the path', () => {
    const resources = join(tempDir(), 'resources');
    const inside = join(resources, 'app.asar', 'node_modules', 'pdfjs-dist', 'package.json');
    expect(unpackedPath(inside)).toBe(inside); // nothing unpacked yet
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'pdfjs-dist', 'package.json');
    mkdirSync(join(unpacked, '..'), { recursive: true });
    writeFileSync(unpacked, '{}');
    expect(unpackedPath(inside)).toBe(unpacked);
    const plain = join(packageRoot(), 'package.json');
    expect(unpackedPath(plain)).toBe(plain);
  });
});
