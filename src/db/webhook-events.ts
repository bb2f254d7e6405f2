import type { Queryable } from './pool.ts';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookEventRecord {
  id: string;
  profileId: string;
  action: string;
  subAction: string | null;
  postId: string | null;
  data: Record<string, unknown>;
  body: string | null;
  status: DeliveryStatus;
  attempts: number;
  scheduleStep: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

interface EventRow {
  id: string;
  profile_id: string;
  action: string;
  sub_action: string | null;
  post_id: string | null;
  data: Record<string, unknown>;
  body: string | null;
  status: DeliveryStatus;
  attempts: number;
  schedule_step: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

const toEvent = (r: EventRow): WebhookEventRecord => ({
  id: r.id,
  profileId: r.profile_id,
  action: r.action,
  subAction: r.sub_action,
  postId: r.post_id,
  data: r.data,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  scheduleStep: r.schedule_step,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  createdAt: r.created_at,
});

export const DELIVER_TASK = 'deliver_webhook';

/** (Re-)adds the delivery job of an event; one job key per event, so it never runs twice at once. */
export async function addDeliveryJob(db: Queryable, eventId: string, runAt?: Date): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('eventId', $2::text), run_at => $3::timestamptz,
       job_key => 'webhook:' || $2, max_attempts => 5)`,
    [DELIVER_TASK, eventId, runAt ?? null],
  );
}

/**
 * Takes the event's next attempt: only a pending event that is due, and it moves its
 * due time past this attempt's deadline (`leaseMs`), so a duplicate job finds nothing
 * to do and the sweep finds the attempt again only if its process died.
 */
export async function claimAttempt(
  db: Queryable,
  id: string,
  leaseMs: number,
): Promise<WebhookEventRecord | undefined> {
  const { rows } = await db.query<EventRow>(
    `UPDATE webhook_events
     SET attempts = attempts + 1, schedule_step = schedule_step + 1, last_attempt_at = now(),
         next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
     WHERE id = $1 AND status = 'pending' AND next_attempt_at <= now()
     RETURNING *`,
    [id, leaseMs],
  );
  return rows[0] ? toEvent(rows[0]) : undefined;
}

/** Fixes the body at the first attempt; a later attempt gets the body already fixed. */
export async function fixBody(db: Queryable, id: string, body: string): Promise<string> {
  const { rows } = await db.query<{ body: string }>(
    'UPDATE webhook_events SET body = coalesce(body, $2) WHERE id = $1 RETURNING body',
    [id, body],
  );
  return rows[0]?.body ?? body;
}

export interface AttemptRecord {
  number: number;
  url: string;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/**
 * Records an attempt and what follows, in one transaction with the next job:
 * `delivered`, another attempt at `retryAt`, or dead-lettered (`failed`).
 */
export async function recordAttempt(
  db: Queryable,
  eventId: string,
  attempt: AttemptRecord,
  next: { kind: 'delivered' } | { kind: 'retry'; delayMs: number } | { kind: 'dead' },
): Promise<void> {
  await db.query(
    `INSERT INTO webhook_attempts (event_id, number, url, started_at, duration_ms, status_code, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, number) DO NOTHING`,
    [
      eventId,
      attempt.number,
      attempt.url,
      attempt.startedAt,
      attempt.durationMs,
      attempt.statusCode,
      attempt.error,
    ],
  );
  const { rows } = await db.query<{ next_attempt_at: Date }>(
    `UPDATE webhook_events
     SET status = CASE $2 WHEN 'delivered' THEN 'delivered' WHEN 'dead' THEN 'failed' ELSE 'pending' END,
         delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
         next_attempt_at = now() + make_interval(secs => $3::double precision / 1000),
         last_status_code = $4, last_error = $5
     WHERE id = $1 RETURNING next_attempt_at`,
    [eventId, next.kind, next.kind === 'retry' ? next.delayMs : 0, attempt.statusCode, attempt.error],
  );
  const at = rows[0]?.next_attempt_at;
  if (next.kind === 'retry' && at) await addDeliveryJob(db, eventId, at);
}

/** Starts the schedule again now (a resend): whatever the event's status. */
export async function resendEvent(db: Queryable, profileId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE webhook_events SET status = 'pending', schedule_step = 0, next_attempt_at = now()
     WHERE id = $1 AND profile_id = $2`,
    [id, profileId],
  );
  if ((rowCount ?? 0) === 0) return false;
  await addDeliveryJob(db, id);
  return true;
}

export async function findEvent(
  db: Queryable,
  profileId: string,
  id: string,
): Promise<WebhookEventRecord | undefined> {
  const { rows } = await db.query<EventRow>(
    'SELECT * FROM webhook_events WHERE id = $1 AND profile_id = $2',
    [id, profileId],
  );
  return rows[0] ? toEvent(rows[0]) : undefined;
}

/** A profile's events, newest first; after the event `afterId` (a page's cursor) when given. */
export async function listEvents(
  db: Queryable,
  profileId: string,
  filter: { status: DeliveryStatus | null; limit: number; afterId: string | null },
): Promise<WebhookEventRecord[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT * FROM webhook_events
     WHERE profile_id = $1 AND ($2::text IS NULL OR status = $2)
       AND ($3::text IS NULL OR seq < (SELECT seq FROM webhook_events WHERE id = $3 AND profile_id = $1))
     ORDER BY seq DESC LIMIT $4`,
    [profileId, filter.status, filter.afterId, filter.limit],
  );
  return rows.map(toEvent);
}

/**
 * Pending events whose attempt is overdue by more than `graceMs`: their job was lost
 * with a process that died mid-attempt (graphile-worker keeps a dead worker's job
 * locked for hours). Their jobs are added again; the claim makes a duplicate harmless.
 */
export async function overdueEvents(db: Queryable, graceMs: number, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM webhook_events
     WHERE status = 'pending' AND next_attempt_at < now() - make_interval(secs => $1::double precision / 1000)
     ORDER BY next_attempt_at LIMIT $2`,
    [graceMs, limit],
  );
  return rows.map((r) => r.id);
}

export async function countEventsByStatus(db: Queryable): Promise<{ status: string; n: number }[]> {
  const { rows } = await db.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM webhook_events GROUP BY status',
  );
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}
