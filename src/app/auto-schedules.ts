import {
  type AutoScheduleRecord,
  deleteAutoSchedule,
  findAutoSchedule,
  lastScheduleDates,
  listAutoSchedules,
  saveAutoSchedule,
  setAutoScheduleStart,
  takenSlots,
} from '../db/auto-schedules.ts';
import type { Queryable } from '../db/pool.ts';
import type { Profile } from '../db/profiles.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { parseDateTime } from '../posts/schedule-date.ts';
import { HORIZON_DAYS, nextFreeSlot } from '../posts/slot-calculator.ts';
import { canonicalTimeZone, instantOf } from '../posts/zoned-time.ts';
import type { AppContext } from './context.ts';

export const DEFAULT_TITLE = 'default';
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
/** Names of UTC itself: Ayrshare's `13:05Z` times belong to these only. */
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

export interface SetScheduleRequest {
  schedule?: string[];
  title?: string;
  timeZone?: string;
  daysOfWeek?: number[];
  excludeDates?: string[];
  setStartDate?: string;
}

function invalid(problem: string): HeraldError {
  return new HeraldError({ code: 604, params: { problem } });
}

function zoneOf(raw: string | undefined): string {
  if (raw === undefined) return 'UTC';
  const zone = canonicalTimeZone(raw);
  if (!zone) throw invalid(`timeZone "${raw.slice(0, 64)}" is not an IANA time zone (e.g. Europe/Paris)`);
  return UTC_NAMES.has(zone) ? 'UTC' : zone;
}

/** `13:05Z` (UTC, Ayrshare's form) or `13:05` (wall clock in the schedule's zone) → `HH:MM`. */
function timeOf(raw: string, zone: string): string {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::00)?([Zz]?)$/.exec(raw);
  if (!match) throw invalid(`schedule time "${raw.slice(0, 32)}" must be HH:MM, e.g. 13:05Z`);
  if (match[3] && zone !== 'UTC') {
    throw invalid(
      `schedule time "${raw}" is a UTC time; with timeZone ${zone} give wall-clock times without Z, e.g. ${match[1]}:${match[2]}`,
    );
  }
  return `${match[1]}:${match[2]}`;
}

function dateOf(raw: string): string {
  const day = raw.slice(0, 10);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(day) &&
    (raw.length === 10 || raw[10] === 'T') &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!valid) throw invalid(`excludeDates item "${raw.slice(0, 32)}" must be a date, e.g. 2026-12-25`);
  return day;
}

/** `setStartDate`: a date-time with its zone, or a plain date (midnight in the schedule's zone). */
function startOf(raw: string, zone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const [year, month, day] = dateOf(raw).split('-').map(Number) as [number, number, number];
    return new Date(instantOf({ year, month, day, hour: 0, minute: 0 }, zone));
  }
  return parseDateTime(raw);
}

/** Ayrshare's shape of a schedule, plus Herald's time zone. */
function view(s: AutoScheduleRecord, last?: Date): Record<string, unknown> {
  return {
    schedule: s.times.map((t) => (s.timeZone === 'UTC' ? `${t}Z` : t)),
    timeZone: s.timeZone,
    daysOfWeek: s.daysOfWeek,
    excludeDates: s.excludeDates,
    ...(s.startAt ? { setStartDate: s.startAt.toISOString() } : {}),
    ...(last ? { lastScheduleDate: last.toISOString() } : {}),
  };
}

/** POST /api/auto-schedule/set: creates or replaces a schedule; `setStartDate` alone moves its start. */
export async function setSchedule(
  app: AppContext,
  profile: Profile,
  body: SetScheduleRequest,
): Promise<Record<string, unknown>> {
  const title = body.title ?? DEFAULT_TITLE;
  if (body.schedule === undefined) {
    if (body.setStartDate === undefined) throw invalid('schedule is required (times such as ["13:05Z"])');
    const existing = await findAutoSchedule(app.pool, profile.id, title);
    if (!existing) throw invalid(`schedule is required: there is no auto schedule "${title}" to start later`);
    await setAutoScheduleStart(app.pool, profile.id, title, startOf(body.setStartDate, existing.timeZone));
  } else {
    const zone = zoneOf(body.timeZone);
    const times = [...new Set(body.schedule.map((t) => timeOf(t, zone)))].sort();
    if (times.length === 0) throw invalid('schedule must hold at least one time');
    const days = [...new Set(body.daysOfWeek ?? ALL_DAYS)].sort((a, b) => a - b);
    if (days.length === 0)
      throw invalid('daysOfWeek must hold at least one day (0 = Sunday ... 6 = Saturday)');
    await saveAutoSchedule(app.pool, {
      profileId: profile.id,
      title,
      times,
      timeZone: zone,
      daysOfWeek: days,
      excludeDates: [...new Set((body.excludeDates ?? []).map(dateOf))].sort(),
      startAt: body.setStartDate === undefined ? null : startOf(body.setStartDate, zone),
    });
  }
  const saved = (await findAutoSchedule(app.pool, profile.id, title)) as AutoScheduleRecord;
  return { status: 'success', message: 'Auto schedule set.', title, ...view(saved) };
}

export async function listSchedules(app: AppContext, profile: Profile): Promise<Record<string, unknown>> {
  const [schedules, last] = await Promise.all([
    listAutoSchedules(app.pool, profile.id),
    lastScheduleDates(app.pool, profile.id),
  ]);
  return {
    status: 'success',
    schedules: Object.fromEntries(schedules.map((s) => [s.title, view(s, last.get(s.title))])),
  };
}

/** Posts already placed by the schedule keep their dates. */
export async function deleteSchedule(
  app: AppContext,
  profile: Profile,
  title: string | undefined,
): Promise<Record<string, unknown>> {
  const name = title ?? DEFAULT_TITLE;
  if (!(await deleteAutoSchedule(app.pool, profile.id, name))) {
    throw new HeraldError({ code: 607, params: { what: `Auto schedule "${name.slice(0, 100)}"` } });
  }
  return { status: 'success', message: 'Auto schedule deleted.', title: name };
}

/**
 * The next free slot of the profile's schedule `title` after `now`: 607 without such
 * a schedule, 678 when none is free within a year. Inside a transaction that holds
 * lockProfileSlots, the answer stays free until it commits.
 */
export async function nextSlot(db: Queryable, profileId: string, title: string, now: Date): Promise<Date> {
  const schedule = await findAutoSchedule(db, profileId, title);
  if (!schedule)
    throw new HeraldError({ code: 607, params: { what: `Auto schedule "${title.slice(0, 100)}"` } });
  const taken = await takenSlots(db, profileId, now);
  const slot = nextFreeSlot(
    { ...schedule, startAt: schedule.startAt?.getTime() ?? null },
    now.getTime(),
    taken,
  );
  if (slot === undefined) throw new HeraldError({ code: 678, params: { title, days: HORIZON_DAYS } });
  return new Date(slot);
}
