import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadPlan, LoadResult } from './load.ts';

export interface LoadDriver {
  /** The load generator's process id. */
  pid: number;
  run(plan: LoadPlan): Promise<LoadResult>;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts the load-generator child process (TypeScript through tsx, like the rest of the bench). */
export async function startLoadDriver(): Promise<LoadDriver> {
  const child: ChildProcess = fork(path.join(here, 'load-process.ts'), [], {
    cwd: path.resolve(here, '..'),
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await once(child, 'spawn');
  return {
    pid: child.pid ?? 0,
    run(plan) {
      return new Promise<LoadResult>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load generator exited (code ${code})`));
        child.once('exit', onExit);
        child.once('message', (message: { result?: LoadResult; error?: string }) => {
          child.off('exit', onExit);
          if (message.result) resolve(message.result);
          else reject(new Error(`load generator: ${message.error ?? 'no result'}`));
        });
        child.send({ plan });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
