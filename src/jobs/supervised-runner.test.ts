import { spawn } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Runner, WorkerEvents } from 'graphile-worker';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../app/context.ts';
import { FETCH_FAILURES_BEFORE_RESTART, type RunnerHealth, superviseRunner } from './supervised-runner.ts';

/** A runner that never ends by itself and counts its stops. */
function fakeRunner() {
  let end: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    end = resolve;
  });
  const runner = {
    stops: 0,
    promise,
    async stop() {
      runner.stops++;
      end();
    },
    async kill() {
      end();
    },
  };
  return runner;
}

const app = {
  log: pino({ level: 'silent' }),
  pool: { query: async () => ({ rows: [] }) },
} as unknown as AppContext;

describe('superviseRunner', () => {
  it('stops a runner that was still starting when stop() came (stop never waits on it forever)', async () => {
    const runner = fakeRunner();
    let started: (r: Runner) => void = () => {};
    const supervisor = superviseRunner(app, 'worker', () => new Promise((resolve) => (started = resolve)));
    const stopping = supervisor.stop();
    started(runner as unknown as Runner);
    await stopping;
    expect(runner.stops).toBe(1);
  });

  it('stops a running runner once', async () => {
    const runner = fakeRunner();
    const supervisor = superviseRunner(app, 'worker', async () => runner as unknown as Runner);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(supervisor.running).toBe(true);
    await supervisor.stop();
    expect(runner.stops).toBe(1);
  });

  it('replaces a runner whose fetches keep failing, and only then', async () => {
    const runners: Array<ReturnType<typeof fakeRunner>> = [];
    const told: Array<{ events: WorkerEvents; health: RunnerHealth }> = [];
    const supervisor = superviseRunner(app, 'worker', async (events, health) => {
      told.push({ events, health });
      const runner = fakeRunner();
      runners.push(runner);
      return runner as unknown as Runner;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const first = told[0] as (typeof told)[number];
    // Failures broken by a fetch that worked do not add up.
    for (let i = 1; i < FETCH_FAILURES_BEFORE_RESTART; i++) first.health.fetchFailed();
    (first.events as EventEmitter).emit('localQueue:getJobs:complete', { jobs: [] });
    for (let i = 1; i < FETCH_FAILURES_BEFORE_RESTART; i++) first.health.fetchFailed();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect({ starts: told.length, stops: runners[0]?.stops }).toEqual({ starts: 1, stops: 0 });

    first.health.fetchFailed();
    // Stopped gracefully (its jobs finish), then a new runner after the backoff (125-250 ms).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect({ starts: told.length, stops: runners[0]?.stops, running: supervisor.running }).toEqual({
      starts: 2,
      stops: 1,
      running: true,
    });
    await supervisor.stop();
  });

  it('keeps its process alive while no runner can start (a worker must not end on a database outage)', async () => {
    // In a process of its own with nothing else pending, as a worker process is once its runner
    // is gone and its pools are empty: Node ends such a process, with exit code 0.
    const script = `
      import pino from 'pino';
      import { superviseRunner } from ${JSON.stringify(pathToFileURL(path.resolve('src/jobs/supervised-runner.ts')).href)};
      const down = () => Object.assign(new Error('connect ENOENT /run/.s.PGSQL.5432'), { code: 'ENOENT', syscall: 'connect' });
      const app = { log: pino({ level: 'silent' }), pool: { query: async () => { throw down(); } } };
      let starts = 0;
      superviseRunner(app, 'worker', async () => {
        if (++starts === 3) process.stdout.write('three starts\\n');
        throw down();
      });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Backoff 125-250 ms, then 250-500 ms: the third start comes within a second.
    const outcome = await Promise.race([
      exited.then((code) => `exited with ${code}`),
      new Promise<string>((resolve) => {
        const check = setInterval(() => {
          if (output.includes('three starts')) {
            clearInterval(check);
            resolve('still trying');
          }
        }, 20);
      }),
    ]);
    child.kill();
    await exited;
    expect(outcome, output).toBe('still trying');
  });
});
