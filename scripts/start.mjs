// `npm start`: the desktop app. Downloads Electron's binary on first use, builds, rebuilds the
// native SQLite module for Electron's ABI, and starts the window. Where Electron cannot be had,
// it says so and points at the browser host instead of failing with a stack trace.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';
import { useAbi } from './native-abi.mjs';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status === 0;

let bin = electronBinary();
if ('missing' in bin && bin.installScript) {
  console.log('Downloading the Electron binary (first start only)…');
  run(process.execPath, [bin.installScript], { stdio: ['ignore', 'ignore', 'ignore'] });
  bin = electronBinary();
}
if ('missing' in bin) {
  console.error(`
Field Coder's desktop window needs Electron, but ${bin.missing}.
This machine probably cannot reach Electron's download servers.

  • On a machine with internet access, run \`npm install\` and then \`npm start\` again.
  • Here, use the browser host instead:  npm run web   (then open the address it prints)
`);
  process.exit(1);
}

if (!run('npm', ['run', 'build'])) process.exit(1);
if (!useAbi('electron')) {
  console.error('Could not rebuild better-sqlite3 for Electron (electron-builder install-app-deps failed). See the output above.');
  process.exit(1);
}
const result = spawnSync(bin.path, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 0);
