// `npm run test:crash`: the crash harness's long form (200 SIGKILLs; CI runs 20 within npm test).
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['vitest', 'run', 'electron/crash'], {
  stdio: 'inherit',
  env: { ...process.env, CRASH_CYCLES: process.env.CRASH_CYCLES ?? '200' },
  shell: process.platform === 'win32',
});
process.exit(r.status ?? 1);
