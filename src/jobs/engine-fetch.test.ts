import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../app/context.ts';
import { createLogger } from '../ops/logger.ts';
import {
  FETCH_BATCH_MAX,
  HELD_JOBS_TTL_MS,
  withLocalQueue,
  withoutBatchSizeWarning,
} from './engine-fetch.ts';
import { ENGINE_PRESET, workerLogger } from './worker.ts';

describe('the engine fetches for all idle slots at once', () => {
  it.each([
    [1, 1],
    [4, 4],
    [32, 32],
    [200, FETCH_BATCH_MAX],
    [0, 1],
  ])('concurrency %i fetches at most %i jobs at a time, held at most the TTL', (concurrency, size) => {
    const preset = withLocalQueue(ENGINE_PRESET, concurrency);
    expect(preset.worker).toEqual({ ...ENGINE_PRESET.worker, localQueue: { size, ttl: HELD_JOBS_TTL_MS } });
    // The shared preset is left as it was (the webhook runner sizes its own).
    expect(ENGINE_PRESET.worker).not.toHaveProperty('localQueue');
  });

  it('logs graphile-worker’s batch size warning as debug, and every other warning as before', () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const app = { log: createLogger('info', sink) } as unknown as AppContext;
    const logger = withoutBatchSizeWarning(workerLogger(app));
    logger.warn(
      'Your job batch size (32) is smaller than your concurrency setting (200); this may result in drastically lower performance if your jobs can complete quickly.',
    );
    logger.warn('Failed to return jobs from local queue to database queue (attempt 1/20)');
    logger.error('Error occurred fetching jobs');
    const lines = chunks
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'Failed to return jobs from local queue to database queue (attempt 1/20)'],
      [50, 'Error occurred fetching jobs'],
    ]);
  });
});
