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
      { max: 10, concurrency: 200 },
      0,
    ],
    ['any other warning', { max: 10 }, 1],
    ['a warning with more fields', { max: 10, concurrency: 200, other: 1 }, 1],
  ])('%s', async (_name, meta, shown) => {
    const { app, lines } = capture();
    workerLogger(app).warn('a warning', meta);
    await new Promise((r) => setImmediate(r));
    expect(lines().filter((l) => l.level === 40)).toHaveLength(shown);
  });
});
