// `npm run web`: starts the browser host on 127.0.0.1 and prints the address to open.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers } from '../api/handlers.js';
import { Session } from '../app/session.js';
import { toErrorValue } from '../core/errors.js';
import { rendererDir } from '../core/paths.js';
import { startWebHost } from './web-host.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    token: { type: 'string' },
    'no-default': { type: 'boolean', default: false },
  },
});

const staticDir = rendererDir();
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error('The renderer is not built yet. Run `npm run build` (or `npm run web`, which builds first).');
  process.exit(1);
}

const session = new Session(values['data-dir']);
try {
  if (!values['no-default']) await session.openDefault();
} catch (err) {
  console.error(`Could not open a project: ${toErrorValue(err).message}`);
}
const host = await startWebHost({
  handlers: createHandlers(session, 'web'),
  uploads: session.uploads,
  staticDir,
  port: Number(values.port),
  ...(values.token ? { token: values.token } : {}),
});
console.log(`Field Coder is running in your browser host. Open:\n  ${host.url}`);
console.log('Only this machine can reach it, and only with that address. Press Ctrl+C to stop.');

const stop = (): void => {
  session.closeProject();
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
