import type { Runner } from 'graphile-worker';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../app/context.ts';
import { superviseRunner } from './supervised-runner.ts';

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
});
