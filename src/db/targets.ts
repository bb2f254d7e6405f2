import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { fromStates, IN_FLIGHT, toState } from '../posts/target-state.ts';
import { type AccountJson, type AccountRecord, accountFromJson } from './accounts.ts';
import type { Queryable } from './pool.ts';
import {
  type PostJson,
  type PostRecord,
  postFromJson,
  type TargetRecord,
  type TargetRow,
  toTarget,
} from './posts.ts';

/**
 * Every state change of a target is one guarded UPDATE: the WHERE clause names
 * the states it may leave, so two workers can never both move the same target.
 */

export async function findTarget(db: Queryable, id: string): Promise<TargetRecord | undefined> {
  const { rows } = await db.query<TargetRow>('SELECT * FROM targets WHERE id = $1', [id]);
  return rows[0] ? toTarget(rows[0]) : undefined;
}

/**
 * The target a network's webhook speaks of, by the reference its connector gave for
 * a `pending` outcome (TikTok's publish_id, kept in `extra.ref` until it is published).
 */
export async function findTargetByRef(
  db: Queryable,
  platform: Platform,
  ref: string,
): Promise<TargetRecord | undefined> {
  const { rows } = await db.query<TargetRow>(
    `SELECT * FROM targets WHERE platform = $1 AND extra->>'ref' = $2 ORDER BY updated_at DESC LIMIT 1`,
    [platform, ref],
  );
  return rows[0] ? toTarget(rows[0]) : undefined;
}

/**
 * A request is about to wait for this post's targets until `untilMs` from now: those still in
 * flight are marked, so their settles notify `herald_targets` (migration 031; no other settle
 * does). None marked means every target had settled already. A settle
 * racing this statement either committed first (its row is no longer in flight, not marked)
 * or reads the mark (it waited for this row lock). The mark needs no flush of its own: a
 * PostgreSQL crash ends the wait anyway, so this commit does not wait for the WAL.
 * Returns the ids marked: each of them notifies when it settles (migration 033 names it).
 */
export async function markAwaited(db: Queryable, postId: string, untilMs: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH relaxed AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
     UPDATE targets SET awaited_until = now() + make_interval(secs => $2::double precision / 1000)
     FROM relaxed WHERE post_id = $1 AND state = ANY($3::text[]) RETURNING targets.id`,
    [postId, untilMs, IN_FLIGHT],
  );
  return rows.map((row) => row.id);
}

/** A non-fatal problem of a published target (its first comment did not go out), shown with its postIds entry. */
export async function addTargetWarning(db: Queryable, id: string, warning: ErrorSpec): Promise<void> {
  await db.query(`UPDATE targets SET warnings = coalesce(warnings, '[]'::jsonb) || $2::jsonb WHERE id = $1`, [
    id,
    JSON.stringify([warning]),
  ]);
}

/** A claimed target with its post and account as the claim read them (see claimTarget). */
export interface Claim {
  target: TargetRecord;
  attempt: number;
  post: PostRecord;
  /** Undefined when the account was unlinked (the target's account_id is null or gone). */
  account: AccountRecord | undefined;
}

/**
 * The only way into `sending`: one statement that takes the lease, records the attempt
 * and reads what the send needs (the post and the account): one round trip, not three.
 * Returns undefined when the target was not claimable.
 *
 * The post must be ready: not paused, not awaiting approval, and due (for a first send).
 * Its row is locked
 * FOR SHARE first, so a claim and an edit of the post (PATCH /api/post, which holds it
 * FOR UPDATE while it checks that every target is still queued) never interleave: the
 * claim waits for the edit, re-reads the post's row and sees the pause; the post this
 * returns is that locked row as the edit left it (a row locked after a wait is read
 * again at its newest version), so the job sends what the edit left.
 */
export async function claimTarget(db: Queryable, id: string, leaseMs: number): Promise<Claim | undefined> {
  return (await claimTargets(db, [id], leaseMs))[0];
}

/**
 * claimTarget for many targets in one statement (the worker's claims that arrive together,
 * src/jobs/worker-batches.ts): each is claimed, or not, exactly as it would be alone. Answers
 * in the order of `ids`; an id named twice is answered claimed at most once. The posts are
 * locked in id order, so two such statements take their locks in one order.
 */
export async function claimTargets(
  db: Queryable,
  ids: readonly string[],
  leaseMs: number,
): Promise<(Claim | undefined)[]> {
  // Not a prepared statement, unlike the settle: the plan PostgreSQL keeps for a prepared claim
  // (made without the ids) is only good once the tables have statistics; kept from a fresh
  // install's near-empty tables it read them whole, 16 ms a call against 4 (docs/benchmarks.md).
  const { rows } = await db.query<
    TargetRow & { claimed_post: PostJson; claimed_account: AccountJson | null }
  >(
    `WITH ready AS (
       SELECT p.id, p.due_at, to_jsonb(p) AS post FROM posts p
       WHERE p.id IN (SELECT post_id FROM targets WHERE id = ANY($1::uuid[]))
         AND NOT p.paused AND (NOT p.requires_approval OR p.approved_at IS NOT NULL)
       ORDER BY p.id
       FOR SHARE
     ), claimed AS (
       UPDATE targets t SET state = $4, attempts = t.attempts + 1,
              lease_until = now() + make_interval(secs => $2::double precision / 1000),
              next_attempt_at = NULL, updated_at = now(),
              -- Taken now: a job kept on the row (a requeue's, see requeueAfter) is void.
              job_due_at = NULL, job_secrets = NULL
       FROM ready r
       WHERE t.id = ANY($1::uuid[]) AND t.post_id = r.id AND t.state = ANY($3::text[])
         AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= now())
         -- The post's time gates its first send only; a retry goes when asked.
         AND (t.attempts > 0 OR r.due_at <= now())
       RETURNING t.*, r.post AS claimed_post
     ), attempt AS (
       INSERT INTO attempts (target_id, number) SELECT id, attempts FROM claimed
     )
     SELECT c.*, (SELECT to_jsonb(a) FROM accounts a WHERE a.id = c.account_id) AS claimed_account
     FROM claimed c`,
    [ids, leaseMs, fromStates('claim'), toState('claim')],
  );
  const claims = new Map(
    rows.map((row) => [
      row.id,
      {
        target: toTarget(row),
        attempt: row.attempts,
        post: postFromJson(row.claimed_post),
        account: row.claimed_account ? accountFromJson(row.claimed_account) : undefined,
      },
    ]),
  );
  // An id named twice (two jobs of one target at once) is claimed once: only its first caller has it.
  // Rows name ids in PostgreSQL's canonical (lower-case) form.
  const answered = new Set<string>();
  return ids.map((asked) => {
    const id = asked.toLowerCase();
    if (answered.has(id)) return undefined;
    answered.add(id);
    return claims.get(id);
  });
}

export async function finishAttempt(
  db: Queryable,
  targetId: string,
  number: number,
  outcome: string,
  errorCode: number | null,
  detail: string | null,
): Promise<void> {
  await db.query(
    'UPDATE attempts SET finished_at = now(), outcome = $3, error_code = $4, detail = $5 WHERE target_id = $1 AND number = $2',
    [targetId, number, outcome, errorCode, detail],
  );
}

/** How the attempt that led to a state change ended, recorded by the same statement. */
export interface AttemptEnd {
  number: number;
  outcome: string;
  errorCode: number | null;
  detail: string | null;
}

/**
 * Runs a state change with the attempt's end in one statement: the attempt log never
 * lags the state a waiting request is woken by, and it is one round trip, not two.
 * `change` is an UPDATE of targets whose parameters start at $1; the attempt's follow.
 */
async function changeAndFinish(
  db: Queryable,
  change: string,
  params: unknown[],
  targetId: string,
  end: AttemptEnd | undefined,
): Promise<boolean> {
  if (!end) return ((await db.query(change, params)).rowCount ?? 0) > 0;
  const at = params.length;
  const { rows } = await db.query<{ changed: number }>(
    `WITH changed AS (${change} RETURNING 1), finished AS (
       UPDATE attempts SET finished_at = now(), outcome = $${at + 3}, error_code = $${at + 4}, detail = $${at + 5}
       WHERE target_id = $${at + 1} AND number = $${at + 2}
     )
     SELECT count(*)::int AS changed FROM changed`,
    [...params, targetId, end.number, end.outcome, end.errorCode, end.detail],
  );
  return (rows[0]?.changed ?? 0) > 0;
}

/** What a published target stores: the network's id and address, and what the connector adds. */
export interface Published {
  networkPostId: string;
  postUrl: string;
  extra: Record<string, unknown> | null;
  warnings?: readonly ErrorSpec[] | undefined;
  /** The connector's progress to keep with it (PublishOutcome's `progress`); none keeps the saved one. */
  progress?: Record<string, unknown> | undefined;
}

/** The network's id is written in the same statement that makes the target published. */
export async function markPublished(
  db: Queryable,
  id: string,
  result: Published,
  end?: AttemptEnd,
): Promise<boolean> {
  const [moved] = await markPublishedMany(db, [{ id, result, end }]);
  return moved ?? false;
}

/** One target's move to published, with its attempt's end when known. */
export interface PublishedSettle {
  id: string;
  result: Published;
  end?: AttemptEnd | undefined;
}

/**
 * markPublished for many targets in one statement (the settles that arrive together,
 * src/jobs/worker-batches.ts): each moves, or not, exactly as alone, with its attempt's end
 * when given. Answers in the order given: whether each moved.
 */
export async function markPublishedMany(
  db: Queryable,
  settles: readonly PublishedSettle[],
): Promise<boolean[]> {
  const rows = settles.map(({ id, result, end }) => ({
    id,
    network_post_id: result.networkPostId,
    post_url: result.postUrl,
    extra: result.extra,
    warnings: result.warnings?.length ? result.warnings : null,
    progress: result.progress ?? null,
    number: end?.number ?? null,
    outcome: end?.outcome ?? null,
    error_code: end?.errorCode ?? null,
    detail: end?.detail ?? null,
  }));
  const { rows: moved } = await db.query<{ id: string }>({
    name: 'herald_mark_published',
    text: `WITH v AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, network_post_id text, post_url text,
         extra jsonb, warnings jsonb, progress jsonb, number int, outcome text, error_code int, detail text)
     ), changed AS (
       UPDATE targets t SET state = $3, network_post_id = v.network_post_id, post_url = v.post_url,
              extra = v.extra, warnings = v.warnings, progress = COALESCE(v.progress, t.progress),
              error = NULL, lease_until = NULL,
              published_at = now(), updated_at = now()
       FROM v WHERE t.id = v.id AND t.state = ANY($2::text[]) AND t.id = ANY($4::uuid[])
       RETURNING t.id
     ), finished AS (
       UPDATE attempts a SET finished_at = now(), outcome = v.outcome, error_code = v.error_code, detail = v.detail
       FROM v WHERE v.number IS NOT NULL AND a.target_id = v.id AND a.number = v.number
         AND a.target_id = ANY($4::uuid[])
     )
     SELECT id::text FROM changed`,
    // The ids again, as an array: PostgreSQL estimates jsonb_to_recordset at 100 rows, and
    // against a table of a few thousand targets it then reads them all (a hash join over a
    // sequential scan) where `= ANY` of the few ids reads each through its index.
    values: [JSON.stringify(rows), fromStates('publish'), toState('publish'), rows.map((r) => r.id)],
  });
  const changed = new Set(moved.map((r) => r.id));
  return settles.map((s) => changed.has(s.id.toLowerCase()));
}

export interface BudgetUsage {
  used: number;
  oldest: Date | null;
}

/** A budget check's question: the account's sends in the window, but for this target. */
export interface BudgetAsk {
  accountId: string;
  exceptTargetId: string;
}

/**
 * Posts each account published in the last 24 h (plus those being sent now), but for the
 * given target, and when the oldest of them leaves the window: what a rolling daily budget
 * checks. The hours wholly inside the window come from budget_counts (migration 036, kept by
 * triggers in the publish's own transaction); the hour the window's start cuts is counted
 * from the targets themselves, so the count is exact and costs about the same for a budget
 * of 50 as for one of 100,000. Many (account, target) pairs in one statement (the checks that
 * arrive together, src/jobs/worker-batches.ts), each counted as alone; in the order given.
 */
export async function budgetUsages(db: Queryable, asks: readonly BudgetAsk[]): Promise<BudgetUsage[]> {
  const { rows } = await db.query<{ i: string; used: string; oldest: Date | null }>({
    name: 'herald_budget_usages',
    text: `WITH w AS (
       SELECT now() - interval '24 hours' AS start,
              date_trunc('hour', now() - interval '24 hours', 'UTC') AS cut_hour
     )
     SELECT q.i, coalesce(hours.n, 0) + cut.n + sending.n AS used, oldest.at AS oldest
     FROM w, unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS q(account_id, except_id, i)
     CROSS JOIN LATERAL (
       SELECT sum(published) AS n FROM budget_counts
       WHERE account_id = q.account_id AND hour > w.cut_hour
     ) hours
     CROSS JOIN LATERAL (
       SELECT count(*) AS n FROM targets
       WHERE account_id = q.account_id AND published_at > w.start
         AND published_at < w.cut_hour + interval '1 hour'
     ) cut
     CROSS JOIN LATERAL (
       SELECT count(*) AS n FROM targets
       WHERE account_id = q.account_id AND state = 'sending' AND id <> q.except_id
     ) sending
     CROSS JOIN LATERAL (
       SELECT min(published_at) AS at FROM targets
       WHERE account_id = q.account_id AND published_at > w.start
     ) oldest`,
    values: [asks.map((a) => a.accountId), asks.map((a) => a.exceptTargetId)],
  });
  const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
  return asks.map((_, i) => {
    const row = byIndex.get(i + 1);
    return { used: Number(row?.used ?? 0), oldest: row?.oldest ?? null };
  });
}

/**
 * What a connector has done so far for each target (before or after a network call), in one
 * statement for all (the saves that arrive together, src/jobs/worker-batches.ts). A target
 * named twice keeps the last.
 */
export interface ProgressSave {
  id: string;
  progress: Record<string, unknown>;
}

export async function saveProgress(db: Queryable, saves: readonly ProgressSave[]): Promise<void> {
  const last = new Map(saves.map((s) => [s.id.toLowerCase(), s.progress]));
  // Planned on every call, not a named statement like the settle: the plan PostgreSQL kept for
  // it after five calls on a fresh install (tables of a few rows) read the whole table, and went
  // on doing so as the table grew, until an ANALYZE (src/db/batch-plans.test.ts).
  await db.query(
    `UPDATE targets t SET progress = v.progress
     FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, progress jsonb) WHERE t.id = v.id AND t.id = ANY($2::uuid[])`,
    // The ids as an array too, for the planner's estimate (see markPublishedMany).
    [JSON.stringify([...last].map(([id, progress]) => ({ id, progress }))), [...last.keys()]],
  );
}

/** Keeps a `sending` target leased until `until`: its outcome is asked for again then. */
export async function holdLease(db: Queryable, id: string, until: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE targets SET lease_until = $2, updated_at = now() WHERE id = $1 AND state = 'sending'`,
    [id, until],
  );
  return (rowCount ?? 0) > 0;
}

export async function markFailed(
  db: Queryable,
  id: string,
  error: ErrorSpec,
  end?: AttemptEnd,
): Promise<boolean> {
  return changeAndFinish(
    db,
    `UPDATE targets SET state = $4, error = $2, lease_until = NULL, updated_at = now()
     WHERE id = $1 AND state = ANY($3::text[])`,
    [id, JSON.stringify(error), fromStates('fail'), toState('fail')],
    id,
    end,
  );
}

/**
 * A queued target whose publish job is on its last attempt and failing (giveUp, 679): failed
 * unless another job will still take it up, namely a later job of the target's own key
 * (one re-added while this one ran) or a job kept on the row for later (`job_due_at`).
 * True when it moved.
 */
export async function markGivenUp(
  db: Queryable,
  id: string,
  error: ErrorSpec,
  job: { key: string; id: string },
): Promise<boolean> {
  return moveUnlessAnotherJob(db, 'giveUp', id, error, job, 'AND job_due_at IS NULL');
}

export async function markUnconfirmed(db: Queryable, id: string, error: ErrorSpec): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE targets SET state = $4, error = $2, lease_until = NULL, updated_at = now()
     WHERE id = $1 AND state = ANY($3::text[])`,
    [id, JSON.stringify(error), fromStates('unconfirm'), toState('unconfirm')],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * A `pending` target Herald stops polling (its poll job `job` ran out of attempts on errors of
 * Herald's own, or found it can no longer ask: src/jobs/poll-target.ts): unconfirmed, since the
 * network took the post and may still publish it. Left pending when another job of the same key
 * will still ask (one added while this one ran).
 * True when it moved.
 */
export async function markPollingStopped(
  db: Queryable,
  id: string,
  error: ErrorSpec,
  job: { key: string; id: string },
): Promise<boolean> {
  return moveUnlessAnotherJob(db, 'stopPolling', id, error, job);
}

/**
 * The move of a target whose job `job` ran out of attempts (markGivenUp, markPollingStopped),
 * with `error`: made unless another job of the same key (one added while this one ran) will
 * still take the target up, and `also` (SQL) holds. True when it moved.
 */
async function moveUnlessAnotherJob(
  db: Queryable,
  op: 'giveUp' | 'stopPolling',
  id: string,
  error: ErrorSpec,
  job: { key: string; id: string },
  also = '',
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE targets SET state = $4, error = $2, lease_until = NULL, updated_at = now()
     WHERE id = $1 AND state = ANY($3::text[]) ${also}
       AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.key = $5 AND j.id <> $6::bigint)`,
    [id, JSON.stringify(error), fromStates(op), toState(op), job.key, job.id],
  );
  return (rowCount ?? 0) > 0;
}

export async function markPending(db: Queryable, id: string, ref: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE targets SET state = $4, extra = jsonb_build_object('ref', $2::text), lease_until = NULL, updated_at = now()
     WHERE id = $1 AND state = ANY($3::text[])`,
    [id, ref, fromStates('pend'), toState('pend')],
  );
  return (rowCount ?? 0) > 0;
}

/** How long past its retry time a requeued target waits for its job before the scheduler makes one. */
export const REQUEUE_NET_MS = 30_000;

/**
 * Back to `queued` from `sending`: only when the network certainly did not create the post.
 * The target keeps a way forward on its own row, written with the requeue: its job due
 * REQUEUE_NET_MS after `runAt`, with the send's sealed secrets. The caller then adds the
 * job it means (due at `runAt`), which a claim or the scheduler's hand-over of the row
 * supersedes; should the process stop or the database go away before the caller can add
 * it, the scheduler makes the job from the row, instead of the target waiting for
 * graphile-worker's 4 h lock timeout of the job that requeued it.
 */
export async function requeueAfter(
  db: Queryable,
  id: string,
  runAt: Date,
  sealedSecrets?: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE targets SET state = $4, next_attempt_at = $2, lease_until = NULL, updated_at = now(),
            job_due_at = $2::timestamptz + make_interval(secs => $6::double precision / 1000),
            job_secrets = $5
     WHERE id = $1 AND state = ANY($3::text[])`,
    [id, runAt, fromStates('requeue'), toState('requeue'), sealedSecrets ?? null, REQUEUE_NET_MS],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * An explicit retry: failed (and, when asked, unconfirmed) targets go back to the queue. Never
 * published ones, and never one whose caption enhancement failed (441): nothing was prepared
 * for it, and re-sending the bare text would drop the enhancement the caller asked for.
 */
export async function requeueForRetry(
  db: Queryable,
  postId: string,
  includeUnconfirmed: boolean,
): Promise<{ id: string; platform: Platform }[]> {
  const { rows } = await db.query<{ id: string; platform: Platform }>(
    `UPDATE targets SET state = $5, error = NULL, next_attempt_at = NULL, updated_at = now()
     WHERE post_id = $1 AND (state = ANY($3::text[]) OR ($2 AND state = ANY($4::text[])))
       AND (error->>'code') IS DISTINCT FROM '441'
     RETURNING id, platform`,
    [postId, includeUnconfirmed, fromStates('retry'), fromStates('retryUnconfirmed'), toState('retry')],
  );
  return rows;
}

export async function cancelQueued(db: Queryable, postId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE targets SET state = $3, updated_at = now() WHERE post_id = $1 AND state = ANY($2::text[]) RETURNING id`,
    [postId, fromStates('cancel'), toState('cancel')],
  );
  return rows.map((r) => r.id);
}

export async function markDeleted(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE targets SET state = $3, updated_at = now() WHERE id = $1 AND state = ANY($2::text[])`,
    [id, fromStates('delete'), toState('delete')],
  );
}

/** Targets whose sender died mid-call (lease expired while `sending`). */
export async function expiredLeases(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM targets WHERE state = 'sending' AND lease_until < now() LIMIT 1000`,
  );
  return rows.map((r) => r.id);
}

export async function countTargetsByState(
  db: Queryable,
): Promise<{ platform: string; state: string; n: number }[]> {
  const { rows } = await db.query<{ platform: string; state: string; n: string }>(
    'SELECT platform, state, count(*) AS n FROM targets GROUP BY platform, state',
  );
  return rows.map((r) => ({ platform: r.platform, state: r.state, n: Number(r.n) }));
}
