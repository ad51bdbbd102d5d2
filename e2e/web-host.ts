// Starts the real browser host (the built dist/node/web.js) in a child process for e2e tests.
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningHost {
  url: string;
  origin: string;
  stop(): Promise<void>;
  /** Kills the host as a crash would (SIGKILL): the open project is left with its WAL beside it. */
  crash(): Promise<void>;
}

export function startHost(dataDir: string, extraArgs: string[] = []): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, ['dist/node/web.js', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 20_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        const url = m[1]!;
        resolve({
          url,
          origin: new URL(url).origin,
          stop: () =>
            new Promise((done, fail) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              // The host must stop promptly on SIGTERM; if it hangs, kill it and fail the test.
              let forced = false;
              const force = setTimeout(() => {
                forced = true;
                child.kill('SIGKILL');
              }, 5_000);
              child.once('exit', () => {
                clearTimeout(force);
                if (forced) fail(new Error('the browser host did not stop on SIGTERM'));
                else done();
              });
              child.kill('SIGTERM');
            }),
          crash: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
}
