import type { Queryable } from './pool.ts';

/** A profile's named queue schedule (Ayrshare's auto-schedule), wall-clock times in its zone. */
export interface AutoScheduleRecord {
  profileId: string;
  title: string;
  times: string[];
  timeZone: string;
  daysOfWeek: number[];
  excludeDates: string[];
  startAt: Date | null;
}

interface Row {
  profile_id: string;
  title: string;
  times: string[];
  time_zone: string;
  days_of_week: number[];
  exclude_dates: string[];
  start_at: Date | null;
}

const toRecord = (r: Row): AutoScheduleRecord => ({
  profileId: r.profile_id,
  title: r.title,
  times: r.times,
  timeZone: r.time_zone,
  daysOfWeek: r.days_of_week,
  excludeDates: r.exclude_dates,
  startAt: r.start_at,
});

/** Creates or replaces the profile's schedule of that title. */
export async function saveAutoSchedule(db: Queryable, s: AutoScheduleRecord): Promise<void> {
  await db.query(
    `INSERT INTO auto_schedules (profile_id, title, times, time_zone, days_of_week, exclude_dates, start_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (profile_id, title) DO UPDATE SET times = $3, time_zone = $4, days_of_week = $5,
       exclude_dates = $6, start_at = $7, updated_at = now()`,
    [s.profileId, s.title, s.times, s.timeZone, s.daysOfWeek, s.excludeDates, s.startAt],
  );
}

/** Only the start of an existing schedule (`setStartDate` alone); false when there is none. */
export async function setAutoScheduleStart(
  db: Queryable,
  profileId: string,
  title: string,
  startAt: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE auto_schedules SET start_at = $3, updated_at = now() WHERE profile_id = $1 AND title = $2',
    [profileId, title, startAt],
  );
  return (rowCount ?? 0) > 0;
}

export async function findAutoSchedule(
  db: Queryable,
  profileId: string,
  title: string,
): Promise<AutoScheduleRecord | undefined> {
  const { rows } = await db.query<Row>('SELECT * FROM auto_schedules WHERE profile_id = $1 AND title = $2', [
    profileId,
    title,
  ]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

export async function listAutoSchedules(db: Queryable, profileId: string): Promise<AutoScheduleRecord[]> {
  const { rows } = await db.query<Row>('SELECT * FROM auto_schedules WHERE profile_id = $1 ORDER BY title', [
    profileId,
  ]);
  return rows.map(toRecord);
}

export async function deleteAutoSchedule(db: Queryable, profileId: string, title: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM auto_schedules WHERE profile_id = $1 AND title = $2', [
    profileId,
    title,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Instants after `after` that a post of the profile already takes (a cancelled post frees its slot). */
export async function takenSlots(db: Queryable, profileId: string, after: Date): Promise<Set<number>> {
  const { rows } = await db.query<{ schedule_date: Date }>(
    `SELECT schedule_date FROM posts
     WHERE profile_id = $1 AND schedule_date > $2 AND cancelled_at IS NULL`,
    [profileId, after],
  );
  return new Set(rows.map((r) => r.schedule_date.getTime()));
}

/** The latest date each schedule gave a post (Ayrshare's `lastScheduleDate` in the list). */
export async function lastScheduleDates(db: Queryable, profileId: string): Promise<Map<string, Date>> {
  const { rows } = await db.query<{ auto_schedule: string; last: Date }>(
    `SELECT auto_schedule, max(schedule_date) AS last FROM posts
     WHERE profile_id = $1 AND auto_schedule IS NOT NULL AND cancelled_at IS NULL
     GROUP BY auto_schedule`,
    [profileId],
  );
  return new Map(rows.map((r) => [r.auto_schedule, r.last]));
}

/**
 * Serialises slot choices of one profile until the transaction ends: two posts asking
 * for the next free slot at once get two slots, not one.
 */
export async function lockProfileSlots(db: Queryable, profileId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('herald-slots:' || $1, 0))", [profileId]);
}
