// Test helpers: real project files in a fresh temporary folder, removed after each test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Author } from '../project/project.js';

export function tempDir(prefix = 'fc-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const testAuthor: Author = {
  deviceId: '0123456789abcdef',
  coderId: '00000000-0000-4000-8000-000000000001',
  coderName: 'Test Coder',
};
