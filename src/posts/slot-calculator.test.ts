import { describe, expect, it } from 'vitest';
import { minutesOf, nextFreeSlot, type SlotRule } from './slot-calculator.ts';
import { canonicalTimeZone, instantOf, instantsOf, offsetAt } from './zoned-time.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function wall(text: string) {
  const [date, time] = text.split(' ') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { year, month, day, hour, minute };
}

// 2027 transitions: Paris 28 Mar (02:00 CET → 03:00 CEST) and 31 Oct (03:00 CEST → 02:00 CET);
// New York 14 Mar (02:00 EST → 03:00 EDT) and 7 Nov (02:00 EDT → 01:00 EST).
describe('wall-clock time → instant (Intl, RFC 5545 "compatible" choice)', () => {
  it.each([
    ['Europe/Paris', '2027-03-27 02:30', '2027-03-27T01:30:00.000Z', 'a day before: CET'],
    ['Europe/Paris', '2027-03-28 02:30', '2027-03-28T01:30:00.000Z', 'in the gap: read as CET, 03:30 CEST'],
    ['Europe/Paris', '2027-03-28 03:30', '2027-03-28T01:30:00.000Z', 'just after the gap: CEST'],
    ['Europe/Paris', '2027-03-29 02:30', '2027-03-29T00:30:00.000Z', 'a day after: CEST'],
    ['Europe/Paris', '2027-10-31 02:30', '2027-10-31T00:30:00.000Z', 'twice that night: the first (CEST)'],
    ['Europe/Paris', '2027-10-31 09:00', '2027-10-31T08:00:00.000Z', 'that morning: CET'],
    ['America/New_York', '2027-03-13 09:00', '2027-03-13T14:00:00.000Z', 'EST'],
    [
      'America/New_York',
      '2027-03-14 02:30',
      '2027-03-14T07:30:00.000Z',
      'in the gap: read as EST, 03:30 EDT',
    ],
    ['America/New_York', '2027-03-14 09:00', '2027-03-14T13:00:00.000Z', 'EDT'],
    ['America/New_York', '2027-11-07 01:30', '2027-11-07T05:30:00.000Z', 'twice that night: the first (EDT)'],
    ['America/New_York', '2027-11-07 09:00', '2027-11-07T14:00:00.000Z', 'EST again'],
    ['UTC', '2027-06-01 13:05', '2027-06-01T13:05:00.000Z', 'UTC'],
    ['Asia/Kolkata', '2027-06-01 09:00', '2027-06-01T03:30:00.000Z', 'a half-hour offset'],
  ])('%s %s → %s (%s)', (zone, text, expected) => {
    expect(new Date(instantOf(wall(text), zone)).toISOString()).toBe(expected);
  });

  it('a fall-back time has two instants, a spring-forward time none', () => {
    expect(instantsOf(wall('2027-10-31 02:30'), 'Europe/Paris').map(iso)).toEqual([
      '2027-10-31T00:30:00.000Z',
      '2027-10-31T01:30:00.000Z',
    ]);
    expect(instantsOf(wall('2027-11-07 01:30'), 'America/New_York').map(iso)).toEqual([
      '2027-11-07T05:30:00.000Z',
      '2027-11-07T06:30:00.000Z',
    ]);
    expect(instantsOf(wall('2027-03-28 02:30'), 'Europe/Paris')).toEqual([]);
    expect(instantsOf(wall('2027-03-14 02:30'), 'America/New_York')).toEqual([]);
  });

  it('offsets come from the tz database', () => {
    expect(offsetAt(at('2027-01-15T12:00:00Z'), 'Europe/Paris')).toBe(3_600_000);
    expect(offsetAt(at('2027-07-15T12:00:00Z'), 'Europe/Paris')).toBe(7_200_000);
    expect(offsetAt(at('2027-07-15T12:00:00Z'), 'America/New_York')).toBe(-14_400_000);
  });

  it.each([
    ['Europe/Paris', 'Europe/Paris'],
    ['UTC', 'UTC'],
    ['america/new_york', 'America/New_York'],
    ['Mars/Olympus', undefined],
    ['+02:00', undefined],
    ['', undefined],
  ])('time zone %j → %j', (name, expected) => expect(canonicalTimeZone(name)).toBe(expected));
});

const utc: SlotRule = {
  times: ['13:05', '20:14'],
  timeZone: 'UTC',
  daysOfWeek: [0, 1, 2, 3, 4, 5, 6],
  excludeDates: [],
  startAt: null,
};

describe('the next free slot', () => {
  it.each<[string, SlotRule, string, string[], string | undefined]>([
    ['the next time today', utc, '2027-01-04T14:00:00Z', [], '2027-01-04T20:14:00.000Z'],
    [
      'a taken slot is skipped',
      utc,
      '2027-01-04T14:00:00Z',
      ['2027-01-04T20:14:00Z'],
      '2027-01-05T13:05:00.000Z',
    ],
    ['a slot at the very instant is not free', utc, '2027-01-04T13:05:00Z', [], '2027-01-04T20:14:00.000Z'],
    [
      'only its days (Monday, Wednesday)',
      { ...utc, daysOfWeek: [1, 3] },
      '2027-01-02T10:00:00Z',
      [],
      '2027-01-04T13:05:00.000Z',
    ],
    [
      'not on an excluded date',
      { ...utc, daysOfWeek: [1, 3], excludeDates: ['2027-01-04'] },
      '2027-01-02T10:00:00Z',
      [],
      '2027-01-06T13:05:00.000Z',
    ],
    [
      'not before the start date',
      { ...utc, startAt: at('2027-02-01T00:00:00Z') },
      '2027-01-04T14:00:00Z',
      [],
      '2027-02-01T13:05:00.000Z',
    ],
    [
      'the start date mid-day',
      { ...utc, startAt: at('2027-02-01T15:00:00Z') },
      '2027-01-04T14:00:00Z',
      [],
      '2027-02-01T20:14:00.000Z',
    ],
    ['no day at all: none', { ...utc, daysOfWeek: [] }, '2027-01-04T14:00:00Z', [], undefined],
    [
      'the day of week is the zone’s (Monday in Tokyo is Sunday in UTC)',
      { ...utc, timeZone: 'Asia/Tokyo', times: ['08:00'], daysOfWeek: [1] },
      '2027-01-03T20:00:00Z',
      [],
      '2027-01-03T23:00:00.000Z',
    ],
    // Paris, spring forward (28 Mar 2027): 02:30 does not exist that day.
    [
      'Paris 09:00 the day before the change (CET)',
      { ...utc, timeZone: 'Europe/Paris', times: ['09:00'] },
      '2027-03-26T12:00:00Z',
      [],
      '2027-03-27T08:00:00.000Z',
    ],
    [
      'Paris 09:00 on the day of the change (CEST)',
      { ...utc, timeZone: 'Europe/Paris', times: ['09:00'] },
      '2027-03-27T12:00:00Z',
      [],
      '2027-03-28T07:00:00.000Z',
    ],
    [
      'Paris 02:30 in the gap: 03:30 CEST',
      { ...utc, timeZone: 'Europe/Paris', times: ['02:30'] },
      '2027-03-27T12:00:00Z',
      [],
      '2027-03-28T01:30:00.000Z',
    ],
    [
      'Paris 02:30 the day after the gap',
      { ...utc, timeZone: 'Europe/Paris', times: ['02:30'] },
      '2027-03-27T12:00:00Z',
      ['2027-03-28T01:30:00Z'],
      '2027-03-29T00:30:00.000Z',
    ],
    [
      'Paris 02:30 and 03:30 on the gap day are one slot',
      { ...utc, timeZone: 'Europe/Paris', times: ['02:30', '03:30'] },
      '2027-03-27T12:00:00Z',
      ['2027-03-28T01:30:00Z'],
      '2027-03-29T00:30:00.000Z',
    ],
    [
      'Paris 02:30 (shifted to 03:30) comes after 03:15 that day',
      { ...utc, timeZone: 'Europe/Paris', times: ['02:30', '03:15'] },
      '2027-03-27T12:00:00Z',
      ['2027-03-28T01:15:00Z'],
      '2027-03-28T01:30:00.000Z',
    ],
    // Paris, fall back (31 Oct 2027): 02:30 happens twice; the slot is the first one only.
    [
      'Paris 02:30 on the fall-back day: the first (CEST)',
      { ...utc, timeZone: 'Europe/Paris', times: ['02:30'] },
      '2027-10-30T12:00:00Z',
      [],
      '2027-10-31T00:30:00.000Z',
    ],
    [
      'Paris 02:30 taken on the fall-back day: the next day, not the second 02:30',
      { ...utc, timeZone: 'Europe/Paris', times: ['02:30'] },
      '2027-10-30T12:00:00Z',
      ['2027-10-31T00:30:00Z'],
      '2027-11-01T01:30:00.000Z',
    ],
    [
      'Paris 09:00 on the fall-back day (CET)',
      { ...utc, timeZone: 'Europe/Paris', times: ['09:00'] },
      '2027-10-30T12:00:00Z',
      [],
      '2027-10-31T08:00:00.000Z',
    ],
    // New York, spring forward (14 Mar 2027) and fall back (7 Nov 2027).
    [
      'New York 02:30 in the gap: 03:30 EDT',
      { ...utc, timeZone: 'America/New_York', times: ['02:30'] },
      '2027-03-13T12:00:00Z',
      [],
      '2027-03-14T07:30:00.000Z',
    ],
    [
      'New York 02:30 the day after the gap (EDT)',
      { ...utc, timeZone: 'America/New_York', times: ['02:30'] },
      '2027-03-13T12:00:00Z',
      ['2027-03-14T07:30:00Z'],
      '2027-03-15T06:30:00.000Z',
    ],
    [
      'New York 01:30 on the fall-back day: the first (EDT)',
      { ...utc, timeZone: 'America/New_York', times: ['01:30'] },
      '2027-11-06T12:00:00Z',
      [],
      '2027-11-07T05:30:00.000Z',
    ],
    [
      'New York 01:30 taken: the next day (EST), not the second 01:30',
      { ...utc, timeZone: 'America/New_York', times: ['01:30'] },
      '2027-11-06T12:00:00Z',
      ['2027-11-07T05:30:00Z'],
      '2027-11-08T06:30:00.000Z',
    ],
    [
      'New York 09:00 on the fall-back day (EST)',
      { ...utc, timeZone: 'America/New_York', times: ['09:00'] },
      '2027-11-06T14:00:00Z',
      [],
      '2027-11-07T14:00:00.000Z',
    ],
  ])('%s', (_name, rule, after, taken, expected) => {
    expect(iso(nextFreeSlot(rule, at(after), new Set(taken.map(at))))).toBe(expected);
  });

  it.each([
    ['13:05', 785],
    ['00:00', 0],
    ['23:59', 1439],
    ['24:00', undefined],
    ['9:05', undefined],
    ['13:05Z', undefined],
  ])('minutesOf(%j) = %j', (time, expected) => expect(minutesOf(time)).toBe(expected));
});
