import type { Queryable } from '../db/pool.ts';

export const PUBLISH_TASK = 'publish_target';
export const SWEEP_TASK = 'sweep_targets';
export const POLL_TASK = 'poll_target';
export const FIRST_COMMENT_TASK = 'first_comment';

/**
 * A target's publish job: now (graphile-worker's queue, in the caller's transaction), or
 * for a later time or parked (held post) on the target row until it falls due, when the
 * scheduler (scheduler.ts) makes the job. One job key per target: adding it again replaces
 * a job that has not started instead of queueing a second one; the claim refuses any
 * run that finds its target no longer queued, so a second job never sends twice.
 */
export async function addPublishJob(
  db: Queryable,
  targetId: string,
  runAt?: Date | typeof PARKED,
  /** Request-scoped secrets (X BYO keys), sealed: they live only with the pending job. */
  sealedSecrets?: string,
): Promise<void> {
  await addPublishJobs(db, [{ targetId, runAt, sealedSecrets }]);
}

/**
 * The run time of the job of a held post (paused, awaiting approval): it never comes,
 * and the target keeps the job's payload (the sealed request secrets) until the post is
 * released and the job moved to the post's time (movePublishJobs).
 */
export const PARKED = 'parked';

/** One publish job to make (see addPublishJob). */
export interface PublishJob {
  targetId: string;
  runAt?: Date | typeof PARKED | undefined;
  sealedSecrets?: string | undefined;
}

/**
 * Where a job waits until it is made: the target's `job_due_at` ('infinity' when
 * parked), or undefined for a job due now, which goes to the engine at once. The one
 * rule for it, so the accept path (which writes it with the target) and the rest agree.
 */
export function deferredUntil(job: PublishJob, now = Date.now()): Date | 'infinity' | undefined {
  if (job.runAt === PARKED) return 'infinity';
  if (job.runAt instanceof Date && job.runAt.getTime() > now) return job.runAt;
  return undefined;
}

export const jobKey = (targetId: string) => `target:${targetId}`;

/**
 * A publish job's spec for graphile_worker.add_jobs, in SQL: the task ($1), its payload,
 * 10 attempts, and the target's job key (jobKey), from SQL expressions for the target id
 * and the sealed secrets. The one place the job's shape is written.
 */
const publishJobSpec = (id: string, secrets: string) =>
  `ROW($1::text, json_build_object('targetId', ${id}, 'secrets', ${secrets}), NULL, NULL,
       10, 'target:' || ${id}, NULL, NULL)::graphile_worker.job_spec`;

/** Parks the waiting jobs of these targets (a running job is left to its claim, which refuses). */
export async function parkPublishJobs(db: Queryable, targetIds: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE targets SET job_due_at = 'infinity' WHERE id = ANY($1::uuid[]) AND job_due_at IS NOT NULL`,
    [targetIds],
  );
  await db.query(
    `SELECT count(*) FROM graphile_worker.reschedule_jobs(
       ARRAY(SELECT id FROM graphile_worker.jobs WHERE key = ANY($1::text[]) AND locked_at IS NULL),
       run_at => 'infinity')`,
    [targetIds.map(jobKey)],
  );
}

/**
 * Moves the waiting jobs of these targets to `runAt`, payload kept; a target whose job
 * is gone or running right now gets a new one (with `sealedSecrets`, the secrets of the
 * request that moved it). In the transaction that changed the post, under its row lock.
 */
export async function movePublishJobs(
  db: Queryable,
  targets: readonly { targetId: string; sealedSecrets?: string | undefined }[],
  runAt: Date,
): Promise<void> {
  const waiting = await db.query<{ id: string }>(
    'UPDATE targets SET job_due_at = $2 WHERE id = ANY($1::uuid[]) AND job_due_at IS NOT NULL RETURNING id',
    [targets.map((t) => t.targetId), runAt],
  );
  const onTarget = new Set(waiting.rows.map((r) => r.id));
  // Moved to now (released, approved late): their jobs are made now, not at the scheduler's next step.
  if (runAt.getTime() <= Date.now()) await handOverJobsOf(db, [...onTarget]);
  // A job out of attempts is not moved (it would stay given up): its target gets a new one below.
  const { rows } = await db.query<{ key: string }>(
    `SELECT key FROM graphile_worker.reschedule_jobs(
       ARRAY(SELECT id FROM graphile_worker.jobs
             WHERE key = ANY($1::text[]) AND locked_at IS NULL AND attempts < max_attempts),
       run_at => $2::timestamptz)`,
    [targets.filter((t) => !onTarget.has(t.targetId)).map((t) => jobKey(t.targetId)), runAt],
  );
  const moved = new Set(rows.map((r) => r.key));
  await addPublishJobs(
    db,
    targets
      .filter((t) => !onTarget.has(t.targetId) && !moved.has(jobKey(t.targetId)))
      .map((t) => ({ targetId: t.targetId, runAt, sealedSecrets: t.sealedSecrets })),
  );
}

/** The same for several targets (the post's accept transaction): two statements at most. */
export async function addPublishJobs(db: Queryable, jobs: readonly PublishJob[]): Promise<void> {
  const now = Date.now();
  const later = jobs.flatMap((j) => {
    const until = deferredUntil(j, now);
    return until === undefined ? [] : [{ ...j, until }];
  });
  if (later.length > 0)
    await db.query(
      `UPDATE targets t SET job_due_at = j.due, job_secrets = j.secrets
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS j (id, due, secrets)
       WHERE t.id = j.id`,
      [later.map((j) => j.targetId), later.map((j) => j.until), later.map((j) => j.sealedSecrets ?? null)],
    );
  await enqueuePublishJobs(
    db,
    jobs.filter((j) => deferredUntil(j, now) === undefined),
  );
}

/** Publish jobs due now, straight into graphile-worker's queue, one statement. */
export async function enqueuePublishJobs(db: Queryable, jobs: readonly PublishJob[]): Promise<void> {
  if (jobs.length === 0) return;
  // add_jobs is what add_job calls with one spec; the job key keeps the replace semantics.
  await db.query({
    name: 'herald_enqueue_publish_jobs',
    text: `SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
       SELECT ${publishJobSpec('j.id', 'j.secrets')} FROM unnest($2::text[], $3::text[]) AS j (id, secrets)
     ))`,
    values: [PUBLISH_TASK, jobs.map((j) => j.targetId), jobs.map((j) => j.sealedSecrets ?? null)],
  });
}

/**
 * The scheduler's step: due targets (job_due_at passed) get their job now, in one
 * statement that clears their due time and adds the jobs with their sealed secrets
 * (add_jobs' notification wakes the workers: the job is runnable as it lands). At most
 * enough to bring the engine's runnable, not yet taken jobs up to `depth`: when the
 * workers fall behind, the backlog waits in the targets' index, in due order, not in the
 * engine's queue, whose fetch and insert cost grows with it. Rows another scheduler or an
 * edit holds are skipped (taken next time). Returns how many were handed over, whether
 * more are due, and when the next one falls due (null: none waiting but parked ones).
 */
export async function handOverDueJobs(
  db: Queryable,
  depth: number,
): Promise<{ handedOver: number; moreDue: boolean; nextDueInMs: number | null }> {
  // Its own statement, so the hand-over's LIMIT is a number the planner sees: with a
  // computed one it may read every due entry of the index (and the dead ones a hand-over
  // leaves at its head) instead of the first few in order.
  // Jobs a worker can take (graphile-worker's `is_available`: not running, attempts left): a
  // job the engine gave up on keeps its row, and must not fill the queue's room.
  const queued = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE is_available AND run_at <= now()`,
  );
  const room = Math.max(0, depth - (queued.rows[0]?.n ?? 0));
  const { rows } = await db.query<{ handed_over: string; due: string; next_due_in_ms: number | null }>(
    `${handOverSql({ due: 'job_due_at <= now()', limit: '$2::int' })},
       (SELECT count(*) FROM (SELECT 1 FROM targets WHERE job_due_at <= now() ORDER BY job_due_at LIMIT $2::int + 1) d) AS due,
       (SELECT extract(epoch FROM min(job_due_at) - now()) * 1000 FROM targets
        WHERE job_due_at > now() AND job_due_at < 'infinity')::float8 AS next_due_in_ms`,
    [PUBLISH_TASK, room],
  );
  const row = rows[0];
  const handedOver = Number(row?.handed_over ?? 0);
  return {
    handedOver,
    moreDue: Number(row?.due ?? 0) > handedOver,
    nextDueInMs: row?.next_due_in_ms ?? null,
  };
}

/** The same step for these targets only, due now by the caller's clock (an edit that moved them to now). */
async function handOverJobsOf(db: Queryable, targetIds: readonly string[]): Promise<void> {
  if (targetIds.length === 0) return;
  await db.query(handOverSql({ due: "job_due_at < 'infinity' AND id = ANY($2::uuid[])" }), [
    PUBLISH_TASK,
    targetIds,
  ]);
}

/**
 * The hand-over of the targets the condition `due` selects, at most `limit` of them (SQL;
 * all without it), returning `handed_over`; more columns may follow.
 */
function handOverSql(sql: { due: string; limit?: string }): string {
  return `WITH due AS (
       SELECT id, job_secrets FROM targets
       WHERE ${sql.due}
       ORDER BY job_due_at
       ${sql.limit ? `LIMIT ${sql.limit}` : ''}
       FOR UPDATE SKIP LOCKED
     ), taken AS (
       UPDATE targets t SET job_due_at = NULL, job_secrets = NULL FROM due WHERE t.id = due.id
     )
     SELECT
       CASE WHEN EXISTS (SELECT 1 FROM due) THEN (
         SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
           SELECT ${publishJobSpec('due.id', 'due.job_secrets')} FROM due)))
       ELSE 0 END AS handed_over`;
}

/**
 * Publish jobs graphile-worker gave up on (no attempts left, not running) whose target is
 * still queued with no later job on its row: made again, attempts restored, payload (the
 * sealed secrets) kept. The publish task fails such a target itself when its last attempt
 * meets an error of Herald's own (679); this is for a last attempt that met the database away
 * for longer than again-soon.ts waits, which nothing could record. Returns the target ids.
 */
export async function rearmGivenUpPublishJobs(db: Queryable, limit = 1000): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH given_up AS MATERIALIZED (
       SELECT j.key, j.payload ->> 'secrets' AS secrets FROM graphile_worker._private_jobs j
       WHERE j.task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = $1)
         AND j.attempts >= j.max_attempts AND j.locked_at IS NULL AND j.key LIKE 'target:%'
     ), lost AS (
       SELECT t.id, g.secrets FROM given_up g JOIN targets t ON t.id = substr(g.key, 8)::uuid
       WHERE t.state = 'queued' AND t.job_due_at IS NULL
       LIMIT $2
     ), rearmed AS (
       SELECT * FROM graphile_worker.add_jobs(ARRAY(SELECT ${publishJobSpec('lost.id', 'lost.secrets')} FROM lost))
     )
     SELECT id FROM lost WHERE (SELECT count(*) FROM rearmed) >= 0`,
    [PUBLISH_TASK, limit],
  );
  return rows.map((r) => r.id);
}

/** A poll job graphile-worker gave up on, whose target is still `pending` (see givenUpPollJobs). */
export interface GivenUpPoll {
  targetId: string;
  jobId: string;
  attempts: number;
}

/**
 * Poll jobs graphile-worker gave up on (no attempts left, not running) whose target is still
 * `pending`: the poll task records such a target unconfirmed itself on its last attempt
 * (giveUpPoll); this is for a last attempt that met the database away, which nothing could
 * record. A job retired by a re-add (again-soon.ts) lost its key to the new one and is not
 * among them.
 */
export async function givenUpPollJobs(db: Queryable, limit = 1000): Promise<GivenUpPoll[]> {
  const { rows } = await db.query<{ target_id: string; id: string; attempts: number }>(
    // Materialized first, so the key is cast to a target id only for poll jobs' keys.
    `WITH given_up AS MATERIALIZED (
       SELECT j.key, j.id, j.attempts FROM graphile_worker._private_jobs j
       WHERE j.task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = $1)
         AND j.attempts >= j.max_attempts AND j.locked_at IS NULL AND j.key LIKE 'poll:%'
     )
     SELECT t.id AS target_id, g.id, g.attempts FROM given_up g
     JOIN targets t ON t.id = substr(g.key, 6)::uuid AND t.state = 'pending'
     LIMIT $2`,
    [POLL_TASK, limit],
  );
  return rows.map((r) => ({ targetId: r.target_id, jobId: String(r.id), attempts: r.attempts }));
}

export async function removePublishJob(db: Queryable, targetId: string): Promise<void> {
  await db.query(
    `WITH waiting AS (UPDATE targets SET job_due_at = NULL, job_secrets = NULL WHERE id = $2 AND job_due_at IS NOT NULL)
     SELECT graphile_worker.remove_job($1)`,
    [jobKey(targetId), targetId],
  );
}

export const pollJobKey = (targetId: string) => `poll:${targetId}`;

/** Asks the network again about a `pending` target (the network publishes later, e.g. TikTok). */
export async function addPollJob(db: Queryable, targetId: string, runAt: Date): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('targetId', $2::text), run_at => $3::timestamptz,
       job_key => $4, max_attempts => 10)`,
    [POLL_TASK, targetId, runAt, pollJobKey(targetId)],
  );
}

/**
 * Posts a target's `firstComment` once the network published it (or records why it
 * will not run). One job key per target; the job itself claims the comment once ever.
 */
export async function addFirstCommentJob(
  db: Queryable,
  targetId: string,
  /** The publish job's sealed request secrets (X BYO keys): the comment is signed with them too. */
  sealedSecrets?: string,
  /** Now when absent. */
  runAt?: Date,
): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('targetId', $2::text, 'secrets', $4::text),
       run_at => coalesce($5::timestamptz, now()), job_key => $3, max_attempts => 5)`,
    [FIRST_COMMENT_TASK, targetId, `first-comment:${targetId}`, sealedSecrets ?? null, runAt ?? null],
  );
}

/**
 * Deletes the rows of jobs graphile-worker gave up on (no attempts left, not running) whose
 * last change is older than `before`. The engine keeps such a row for good: after a job's
 * last failed attempt (its `last_error` tells why), and when a job was added again while it
 * ran (the running one is retired: again-soon.ts after a dropped connection). Nothing runs
 * them again; kept a while for whoever looks into a failure, then deleted (the hourly
 * `jobs_cleanup`). Returns how many.
 */
export async function deleteGivenUpJobs(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM graphile_worker._private_jobs
     WHERE attempts >= max_attempts AND locked_at IS NULL AND updated_at < $1`,
    [before],
  );
  return rowCount ?? 0;
}
