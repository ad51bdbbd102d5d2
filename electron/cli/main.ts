// The `field-coder` command line. Exit codes: 0 ok, 1 user error (one line on stderr), 2 internal.
import { toErrorValue } from '../core/errors.js';
import { runCli } from './commands.js';

runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`field-coder: ${toErrorValue(e).message}\n`);
    process.exitCode = 2;
  });
