import type { Queryable } from '../db/pool.ts';

export const PUBLISH_TASK = 'publish_target';
export const SWEEP_TASK = 'sweep_targets';
export const POLL_TASK = 'poll_target';
export const FIRST_COMMENT_TASK = 'first_comment';

/**
 * Adds a publish job through graphile-worker's SQL API, so it commits or rolls
 * back with the caller's transaction. One job key per target: adding it again
 * replaces a job that has not started instead of queueing a second one.
 */
export async function addPublishJob(
  db: Queryable,
  targetId: string,
  runAt?: Date | typeof PARKED,
  /** Request-scoped secrets (X BYO keys), sealed: they live only in the pending job row. */
  sealedSecrets?: string,
): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('targetId', $2::text, 'secrets', $5::text),
       run_at => $3::timestamptz, job_key => $4, max_attempts => 10)`,
    [PUBLISH_TASK, targetId, runAtOf(runAt), jobKey(targetId), sealedSecrets ?? null],
  );
}

/**
 * The run time of the job of a held post (paused, awaiting approval): it never comes,
 * and the job row keeps its payload (the sealed request secrets) until the post is
 * released and the job moved to the post's time (movePublishJobs).
 */
export const PARKED = 'parked';

function runAtOf(runAt: Date | typeof PARKED | undefined): Date | string | null {
  return runAt === PARKED ? 'infinity' : (runAt ?? null);
}

const jobKey = (targetId: string) => `target:${targetId}`;

/** Parks the waiting jobs of these targets (a running job is left to its claim, which refuses). */
export async function parkPublishJobs(db: Queryable, targetIds: readonly string[]): Promise<void> {
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
  const { rows } = await db.query<{ key: string }>(
    `SELECT key FROM graphile_worker.reschedule_jobs(
       ARRAY(SELECT id FROM graphile_worker.jobs WHERE key = ANY($1::text[]) AND locked_at IS NULL),
       run_at => $2::timestamptz)`,
    [targets.map((t) => jobKey(t.targetId)), runAt],
  );
  const moved = new Set(rows.map((r) => r.key));
  await addPublishJobs(
    db,
    targets
      .filter((t) => !moved.has(jobKey(t.targetId)))
      .map((t) => ({ targetId: t.targetId, runAt, sealedSecrets: t.sealedSecrets })),
  );
}

/** The same for several targets of one post, in one statement (the post's accept transaction). */
export async function addPublishJobs(
  db: Queryable,
  jobs: readonly {
    targetId: string;
    runAt?: Date | typeof PARKED | undefined;
    sealedSecrets?: string | undefined;
  }[],
): Promise<void> {
  if (jobs.length === 0) return;
  // add_jobs is what add_job calls with one spec; the job key keeps the replace semantics.
  await db.query(
    `SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
       SELECT ROW($1::text, json_build_object('targetId', j.id, 'secrets', j.secrets), NULL, j.run_at,
                  10, 'target:' || j.id, NULL, NULL)::graphile_worker.job_spec
       FROM unnest($2::text[], $3::timestamptz[], $4::text[]) AS j (id, run_at, secrets)
     ))`,
    [
      PUBLISH_TASK,
      jobs.map((j) => j.targetId),
      jobs.map((j) => runAtOf(j.runAt)),
      jobs.map((j) => j.sealedSecrets ?? null),
    ],
  );
}

export async function removePublishJob(db: Queryable, targetId: string): Promise<void> {
  await db.query('SELECT graphile_worker.remove_job($1)', [jobKey(targetId)]);
}

/** Asks the network again about a `pending` target (the network publishes later, e.g. TikTok). */
export async function addPollJob(db: Queryable, targetId: string, runAt: Date): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('targetId', $2::text), run_at => $3::timestamptz,
       job_key => $4, max_attempts => 10)`,
    [POLL_TASK, targetId, runAt, `poll:${targetId}`],
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
): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('targetId', $2::text, 'secrets', $4::text),
       job_key => $3, max_attempts => 5)`,
    [FIRST_COMMENT_TASK, targetId, `first-comment:${targetId}`, sealedSecrets ?? null],
  );
}
