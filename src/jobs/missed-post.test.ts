import { describe, expect, it } from 'vitest';
import type { PostRecord } from '../db/posts.ts';
import { buildErrorBody } from '../errors/build.ts';
import { missedBy } from './missed-post.ts';

const due = new Date('2027-01-01T12:00:00.000Z');
const post = (scheduleDate: Date | null) => ({ scheduleDate, dueAt: due }) as PostRecord;
const at = (ms: number) => new Date(due.getTime() + ms);
const HOUR = 3_600_000;

describe('missedBy', () => {
  it.each<[string, Date | null, number, number, boolean]>([
    ['on time', due, 0, HOUR, false],
    ['late, inside the grace period', due, HOUR - 1, HOUR, false],
    ['late, exactly the grace period', due, HOUR, HOUR, false],
    ['late, past the grace period', due, HOUR + 1, HOUR, true],
    ['an immediate post, however late', null, 10 * HOUR, HOUR, false],
  ])('%s', (_name, scheduleDate, lateMs, graceMs, missed) => {
    expect(missedBy(post(scheduleDate), at(lateMs), graceMs) !== undefined).toBe(missed);
  });

  it('builds the 677 body of each network', () => {
    const missed = missedBy(post(due), at(2 * HOUR), HOUR);
    expect(buildErrorBody(missed?.('facebook') ?? { code: 0 })).toEqual({
      action: 'post',
      status: 'error',
      code: 677,
      message:
        'The post was due at 2027-01-01T12:00:00.000Z but no Herald worker picked it up until 2027-01-01T14:00:00.000Z, later than the grace period of 60 minutes. It was not sent to Facebook.',
      platform: 'facebook',
    });
  });
});
