import { describe, expect, it } from 'vitest';
import { FETCH_BATCH_MAX, HELD_JOBS_TTL_MS, withLocalQueue } from './engine-fetch.ts';
import { ENGINE_PRESET } from './worker.ts';

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
});
