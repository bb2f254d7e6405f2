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
  runAt?: Date,
  /** Request-scoped secrets (X BYO keys), sealed: they live only in the pending job row. */
  sealedSecrets?: string,
): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('targetId', $2::text, 'secrets', $5::text),
       run_at => $3::timestamptz, job_key => $4, max_attempts => 10)`,
    [PUBLISH_TASK, targetId, runAt ?? null, `target:${targetId}`, sealedSecrets ?? null],
  );
}

/** The same for several targets of one post, in one statement (the post's accept transaction). */
export async function addPublishJobs(
  db: Queryable,
  jobs: readonly { targetId: string; runAt?: Date | undefined; sealedSecrets?: string | undefined }[],
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
      jobs.map((j) => j.runAt ?? null),
      jobs.map((j) => j.sealedSecrets ?? null),
    ],
  );
}

export async function removePublishJob(db: Queryable, targetId: string): Promise<void> {
  await db.query('SELECT graphile_worker.remove_job($1)', [`target:${targetId}`]);
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
