import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../app/context.ts';
import { createLogger } from '../ops/logger.ts';
import { workerLogger } from './worker.ts';

function capture(): { app: AppContext; lines: () => Array<{ level: number; msg: string }> } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const app = { log: createLogger('info', sink) } as unknown as AppContext;
  return {
    app,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

describe('graphile-worker through Herald’s logger', () => {
  it.each([
    [
      'the pool-size warning (by design: jobs hold no engine connection while they publish)',
      'a warning',
      { max: 10, concurrency: 200 },
      0,
    ],
    [
      'the local queue’s batch-size warning (by design: engine-fetch.ts bounds the batch)',
      'Your job batch size (32) is smaller than your concurrency setting (200); this may result in drastically lower performance if your jobs can complete quickly.',
      undefined,
      0,
    ],
    ['any other warning', 'a warning', { max: 10 }, 1],
    [
      'the local queue failing to give jobs back',
      'Failed to return jobs from local queue to database queue (attempt 1/20)',
      undefined,
      1,
    ],
    ['a warning with more fields', 'a warning', { max: 10, concurrency: 200, other: 1 }, 1],
  ])('%s', async (_name, message, meta, shown) => {
    const { app, lines } = capture();
    workerLogger(app).warn(message, meta);
    await new Promise((r) => setImmediate(r));
    expect(lines().filter((l) => l.level === 40)).toHaveLength(shown);
  });

  it('logs errors as errors', async () => {
    const { app, lines } = capture();
    workerLogger(app).error('Error occurred fetching jobs');
    await new Promise((r) => setImmediate(r));
    expect(lines().map((l) => [l.level, l.msg])).toEqual([[50, 'Error occurred fetching jobs']]);
  });

  it.each([
    [
      'a failed fetch',
      'error',
      'Error occurred fetching jobs; will try again on next poll interval. Error: error: terminating connection due to administrator command',
      1,
    ],
    ['another error', 'error', 'Failed task 35 (publish_target, 59.58ms, attempt 1 of 10)', 0],
    ['the same words as a warning', 'warn', 'Error occurred fetching jobs', 0],
  ] as const)('tells the supervisor of %s only', (_name, level, message, told) => {
    const { app } = capture();
    let failures = 0;
    workerLogger(app, 'worker', { fetchFailed: () => failures++ })[level](message);
    expect(failures).toBe(told);
  });
});
