import { describe, expect, it } from 'vitest';
import { dayIn, sameTimeOn, timeIn } from './zoned-time.ts';

describe('the calendar’s zoned days', () => {
  it.each([
    // 10:00 in Paris before summer time (UTC+1), moved past it (UTC+2): still 10:00 there.
    [
      '2030-03-22T09:00:00.000Z',
      'Europe/Paris',
      { year: 2030, month: 3, day: 5 },
      '2030-04-05T10:00:00.000+02:00',
    ],
    // And back into winter time.
    [
      '2030-10-20T08:00:00.000Z',
      'Europe/Paris',
      { year: 2030, month: 10, day: 3 },
      '2030-11-03T10:00:00.000+01:00',
    ],
    // 23:30 in New York is the next day in UTC: the day is New York's.
    [
      '2030-06-11T03:30:00.000Z',
      'America/New_York',
      { year: 2030, month: 5, day: 20 },
      '2030-06-20T23:30:00.000-04:00',
    ],
    ['2030-06-10T12:15:30.000Z', 'UTC', { year: 2030, month: 6, day: 1 }, '2030-07-01T12:15:30.000+00:00'],
  ])('%s in %s moved to %o is %s (with the zone’s offset that day)', (iso, zone, day, expected) => {
    expect(sameTimeOn(iso, zone, day)).toBe(expected);
    expect(timeIn(expected, zone)).toBe(timeIn(iso, zone));
    expect(dayIn(expected, zone)).toEqual(day);
  });

  it('groups by the zone’s day, not UTC’s', () => {
    expect(dayIn('2030-06-11T03:30:00.000Z', 'America/New_York')).toEqual({ year: 2030, month: 5, day: 10 });
    expect(dayIn('2030-06-11T03:30:00.000Z', 'UTC')).toEqual({ year: 2030, month: 5, day: 11 });
  });
});
