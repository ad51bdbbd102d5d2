#!/usr/bin/env node
// The `field-coder` command: runs the CLI bundled by `npm run build` (also run on `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/node/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('field-coder: the CLI is not built. Run `npm run build` in the Field Coder folder.');
  process.exit(2);
}
await import(cli);
