import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offsetAt } from '../../src/posts/zoned-time.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Queue slots through the API: Ayrshare's auto-schedule routes called exactly as its
 * SDK calls them (setAutoSchedule, listAutoSchedule, deleteAutoSchedule: `source: "npm"`
 * in bodies, `?source=npm` on GET), `autoSchedule` on POST /api/post, and Herald's time
 * zones across both DST changes of Europe/Paris and America/New_York.
 */

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
  await linkSandbox(t, ['bluesky']);
});
afterAll(() => t.stop());

const DAY = 86_400_000;

/** As the SDK sends a body: JSON with `source: "npm"`. */
async function sdk(
  method: 'POST' | 'DELETE' | 'GET',
  url: string,
  body?: Record<string, unknown>,
  key?: string,
) {
  const res = await t.herald.server?.inject({
    method,
    url: method === 'GET' ? `${url}?source=npm` : url,
    headers: {
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      ...(key ? { 'profile-key': key } : {}),
    },
    ...(method === 'GET' ? {} : { payload: JSON.stringify({ ...body, source: 'npm' }) }),
  });
  return { status: res?.statusCode ?? 0, body: res?.json() as Record<string, unknown> };
}

async function newProfile(title: string): Promise<string> {
  const res = await t.request('POST', '/api/profiles', { title });
  const key = res.body.profileKey as string;
  await linkSandbox(t, ['bluesky'], { 'Profile-Key': key });
  return key;
}

async function queued(key?: string, extra: Record<string, unknown> = {}) {
  return t.request(
    'POST',
    '/api/post',
    { post: 'Queued', platforms: ['bluesky'], autoSchedule: { schedule: true, ...extra } },
    key ? { 'Profile-Key': key } : {},
  );
}

/** The next `HH:MM` UTC times after now, in order (what a UTC schedule's slots are). */
function nextUtcSlots(times: string[], count: number): string[] {
  const slots: number[] = [];
  const today = new Date(new Date().toISOString().slice(0, 10)).getTime();
  for (let d = 0; slots.length < count + times.length; d += 1) {
    for (const time of times) {
      const [h, m] = time.split(':').map(Number) as [number, number];
      const at = today + d * DAY + h * 3_600_000 + m * 60_000;
      if (at > Date.now() + 1000) slots.push(at);
    }
  }
  return slots
    .sort((a, b) => a - b)
    .slice(0, count)
    .map((ms) => new Date(ms).toISOString());
}

describe('the SDK’s auto-schedule calls', () => {
  it('each route refuses an unauthenticated call', async () => {
    for (const [method, url] of [
      ['POST', '/api/auto-schedule/set'],
      ['GET', '/api/auto-schedule/list'],
      ['DELETE', '/api/auto-schedule/delete'],
    ] as const) {
      const res = await t.herald.server?.inject({
        method,
        url,
        ...(method === 'GET' ? {} : { payload: {} }),
      });
      expect(res?.statusCode, url).toBe(403);
    }
  });

  it('setAutoSchedule, listAutoSchedule, deleteAutoSchedule', async () => {
    const key = await newProfile('SDK schedules');
    const set = await sdk(
      'POST',
      '/api/auto-schedule/set',
      {
        schedule: ['20:14Z', '13:05Z', '13:05Z'],
        title: 'Instagram Schedule',
      },
      key,
    );
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      status: 'success',
      message: 'Auto schedule set.',
      title: 'Instagram Schedule',
      schedule: ['13:05Z', '20:14Z'],
      timeZone: 'UTC',
      daysOfWeek: [0, 1, 2, 3, 4, 5, 6],
      excludeDates: [],
    });
    const list = await sdk('GET', '/api/auto-schedule/list', undefined, key);
    expect(list.body).toEqual({
      status: 'success',
      schedules: {
        'Instagram Schedule': {
          schedule: ['13:05Z', '20:14Z'],
          timeZone: 'UTC',
          daysOfWeek: [0, 1, 2, 3, 4, 5, 6],
          excludeDates: [],
        },
      },
    });
    const placed = await queued(key, { title: 'Instagram Schedule' });
    const listed = await sdk('GET', '/api/auto-schedule/list', undefined, key);
    expect(listed.body.schedules).toMatchObject({
      'Instagram Schedule': { lastScheduleDate: placed.body.scheduleDate },
    });
    const deleted = await sdk('DELETE', '/api/auto-schedule/delete', { title: 'Instagram Schedule' }, key);
    expect(deleted.body).toEqual({
      status: 'success',
      message: 'Auto schedule deleted.',
      title: 'Instagram Schedule',
    });
    expect((await sdk('GET', '/api/auto-schedule/list', undefined, key)).body).toEqual({
      status: 'success',
      schedules: {},
    });
    const again = await sdk('DELETE', '/api/auto-schedule/delete', { title: 'Instagram Schedule' }, key);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe(607);
  });

  it('schedules are per profile: another profile neither sees nor deletes them', async () => {
    const mine = await newProfile('Mine');
    const theirs = await newProfile('Theirs');
    await sdk('POST', '/api/auto-schedule/set', { schedule: ['09:00Z'] }, mine);
    expect((await sdk('GET', '/api/auto-schedule/list', undefined, theirs)).body.schedules).toEqual({});
    expect((await sdk('DELETE', '/api/auto-schedule/delete', {}, theirs)).status).toBe(404);
    expect(
      Object.keys((await sdk('GET', '/api/auto-schedule/list', undefined, mine)).body.schedules as object),
    ).toEqual(['default']);
  });

  it.each([
    [{ schedule: ['25:00Z'] }, 'schedule time "25:00Z" must be HH:MM'],
    [{ schedule: ['09:00Z'], timeZone: 'Europe/Paris' }, 'is a UTC time; with timeZone Europe/Paris'],
    [{ schedule: ['09:00'], timeZone: 'Mars/Olympus' }, 'is not an IANA time zone'],
    [{ schedule: ['09:00Z'], daysOfWeek: [] }, 'daysOfWeek must hold at least one day'],
    [{ schedule: ['09:00Z'], excludeDates: ['2026-02-30'] }, 'excludeDates item "2026-02-30" must be a date'],
    [{ setStartDate: '2030-01-01' }, 'there is no auto schedule "default"'],
  ])('refuses %j (604), storing nothing', async (body, problem) => {
    const key = await newProfile(`Bad ${problem.slice(0, 20)}`);
    const res = await sdk('POST', '/api/auto-schedule/set', body, key);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(604);
    expect(res.body.message).toContain(problem);
    expect((await sdk('GET', '/api/auto-schedule/list', undefined, key)).body.schedules).toEqual({});
  });

  it('a title with characters Ayrshare forbids is refused', async () => {
    const res = await sdk('POST', '/api/auto-schedule/set', { schedule: ['09:00Z'], title: 'a/b*' });
    expect(res.body.code).toBe(604);
  });
});

describe('autoSchedule on POST /api/post', () => {
  it('takes the next free slots in order, skipping one a scheduled post already holds', async () => {
    const key = await newProfile('Queue');
    await sdk('POST', '/api/auto-schedule/set', { schedule: ['13:05Z', '20:14Z'] }, key);
    const [first, second, third, fourth] = nextUtcSlots(['13:05', '20:14'], 4);
    // A post scheduled by date at the third slot's instant takes it.
    const manual = await t.request(
      'POST',
      '/api/post',
      { post: 'By date', platforms: ['bluesky'], scheduleDate: third },
      { 'Profile-Key': key },
    );
    expect(manual.status).toBe(200);
    const dates: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await queued(key);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('scheduled');
      dates.push(res.body.scheduleDate);
    }
    expect(dates).toEqual([first, second, fourth]);
    const view = await t.request('GET', `/api/post/${(await queued(key)).body.id}`, undefined, {
      'Profile-Key': key,
    });
    expect(view.body.autoSchedule).toEqual({ title: 'default' });
  });

  it('posts asking at the same moment get different slots', async () => {
    const key = await newProfile('Rush');
    await sdk('POST', '/api/auto-schedule/set', { schedule: ['06:00Z', '18:00Z'] }, key);
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => queued(key)));
    const dates = answers.map((a) => a.body.scheduleDate);
    expect(new Set(dates).size).toBe(5);
    expect(dates.sort()).toEqual(nextUtcSlots(['06:00', '18:00'], 5));
  });

  it('a deleted (cancelled) post frees its slot', async () => {
    const key = await newProfile('Freed');
    await sdk('POST', '/api/auto-schedule/set', { schedule: ['07:30Z'] }, key);
    const first = await queued(key);
    await t.request('DELETE', '/api/post', { id: first.body.id }, { 'Profile-Key': key });
    expect((await queued(key)).body.scheduleDate).toBe(first.body.scheduleDate);
  });

  it('is refused with scheduleDate (604), for a schedule that does not exist (607), and is nothing when false', async () => {
    const key = await newProfile('Refusals');
    const both = await t.request(
      'POST',
      '/api/post',
      {
        post: 'x',
        platforms: ['bluesky'],
        scheduleDate: new Date(Date.now() + DAY).toISOString(),
        autoSchedule: { schedule: true },
      },
      { 'Profile-Key': key },
    );
    expect(both.body.code).toBe(604);
    const missing = await queued(key, { title: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 607, message: 'Auto schedule "nope" was not found.' });
    const now = await t.request(
      'POST',
      '/api/post',
      { post: 'now', platforms: ['bluesky'], autoSchedule: { schedule: false } },
      { 'Profile-Key': key },
    );
    expect(now.body.status).toBe('success');
  });
});

/** The next spring-forward and fall-back days (YYYY-MM-DD) of a zone, found through Intl. */
function transitions(zone: string): { spring: string; fall: string } {
  let spring = '';
  let fall = '';
  const start = Date.parse(`${new Date().getUTCFullYear() + 1}-01-01T12:00:00Z`);
  for (let d = 1; d < 370 && (!spring || !fall); d += 1) {
    const before = offsetAt(start + (d - 1) * DAY, zone);
    const after = offsetAt(start + d * DAY, zone);
    const day = new Date(start + d * DAY).toISOString().slice(0, 10);
    if (after > before && !spring) spring = day;
    if (after < before && !fall) fall = day;
  }
  return { spring, fall };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

describe('time zones: slots are wall-clock times, right across DST changes', () => {
  it.each([
    // Paris: 02:30 does not exist on the spring day (read as 03:30 CEST); twice on the fall day (the first).
    ['Europe/Paris', '02:30', 'spring', (d: string) => [`${d}T01:30:00.000Z`, `${nextDay(d)}T00:30:00.000Z`]],
    ['Europe/Paris', '02:30', 'fall', (d: string) => [`${d}T00:30:00.000Z`, `${nextDay(d)}T01:30:00.000Z`]],
    ['Europe/Paris', '09:00', 'spring', (d: string) => [`${d}T07:00:00.000Z`, `${nextDay(d)}T07:00:00.000Z`]],
    ['Europe/Paris', '09:00', 'fall', (d: string) => [`${d}T08:00:00.000Z`, `${nextDay(d)}T08:00:00.000Z`]],
    // New York: 02:30 does not exist on the spring day (03:30 EDT); 01:30 twice on the fall day (the first).
    [
      'America/New_York',
      '02:30',
      'spring',
      (d: string) => [`${d}T07:30:00.000Z`, `${nextDay(d)}T06:30:00.000Z`],
    ],
    [
      'America/New_York',
      '01:30',
      'fall',
      (d: string) => [`${d}T05:30:00.000Z`, `${nextDay(d)}T06:30:00.000Z`],
    ],
    [
      'America/New_York',
      '09:00',
      'spring',
      (d: string) => [`${d}T13:00:00.000Z`, `${nextDay(d)}T13:00:00.000Z`],
    ],
    [
      'America/New_York',
      '09:00',
      'fall',
      (d: string) => [`${d}T14:00:00.000Z`, `${nextDay(d)}T14:00:00.000Z`],
    ],
  ] as const)('%s %s on the %s change', async (zone, time, which, expected) => {
    const day = transitions(zone)[which];
    const key = await newProfile(`${zone} ${time} ${which}`);
    const set = await sdk(
      'POST',
      '/api/auto-schedule/set',
      { schedule: [time], timeZone: zone, setStartDate: day },
      key,
    );
    expect(set.body).toMatchObject({ schedule: [time], timeZone: zone });
    const first = await queued(key);
    const second = await queued(key);
    expect([first.body.scheduleDate, second.body.scheduleDate]).toEqual(expected(day));
  });
});
