// A child that opens (and so upgrades) an older project file and is killed during the upgrade:
// by itself with SIGKILL at one step (argv[3], a MigrationStep as JSON), or by the parent at a
// moment of its choosing. Prints "opening" before and "opened" after.
//   node --import tsx electron/faults/migrate-kill-worker.ts PROJECT [STEP_JSON]
import { openProject } from '../project/open-project.js';

// test-support/tmp.ts's author (that module needs vitest).
const testAuthor = { deviceId: '0123456789abcdef', coderId: '00000000-0000-4000-8000-000000000001', coderName: 'Test Coder' };

const [path, stepJson] = process.argv.slice(2) as [string, string | undefined];
const target = stepJson ? stepJson : undefined;
process.stdout.write('opening\n');
const { project } = await openProject(path, testAuthor, {
  onMigrationStep: (step) => {
    if (target && JSON.stringify(step) === target) process.kill(process.pid, 'SIGKILL');
  },
});
project.close();
process.stdout.write('opened\n');
