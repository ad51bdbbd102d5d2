// The `field-coder` command line. Exit codes: 0 ok, 1 user error (one line on stderr), 2 internal.
import { toErrorValue } from '../core/errors.js';
import { runCli } from './commands.js';

// A reader that stops early (`field-coder check F | head -1`) closes the pipe: the command still
// finishes what it does, its output goes nowhere, and no stack trace is printed.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});

runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`field-coder: ${toErrorValue(e).message}\n`);
    process.exitCode = 2;
  });
