import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS } from '../config/config.ts';
import { nextAttempt, shortestSpanMs } from './schedule.ts';

describe('the retry schedule', () => {
  const schedule = [1000, 2000];

  it.each([
    // [attempts made, random draw, expected]
    [1, 0.5, { kind: 'retry', delayMs: 1000 }],
    [1, 0, { kind: 'retry', delayMs: 900 }],
    [1, 1, { kind: 'retry', delayMs: 1100 }],
    [2, 0.5, { kind: 'retry', delayMs: 2000 }],
    [3, 0.5, { kind: 'dead' }],
  ] as const)('after attempt %i (draw %d): %j', (step, draw, expected) => {
    expect(nextAttempt(schedule, step, () => draw)).toEqual(expected);
  });

  it('by default, 8 attempts over at least 24 hours even with the shortest jitter', () => {
    expect(DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS).toHaveLength(7);
    expect(shortestSpanMs(DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS)).toBeGreaterThan(24 * 3_600_000);
    expect(nextAttempt(DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS, 8)).toEqual({ kind: 'dead' });
  });

  it('grows: each default wait is at least the one before', () => {
    for (let i = 1; i < DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS.length; i++) {
      expect(DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS[i]).toBeGreaterThanOrEqual(
        DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS[i - 1] as number,
      );
    }
  });
});
