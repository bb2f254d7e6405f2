import type { ErrorSpec } from '../errors/build.ts';
import type { AutoFix } from '../media/auto-fix.ts';
import type { Platform } from '../platforms.ts';
import type { TargetState } from '../posts/target-state.ts';
import type { Queryable } from './pool.ts';

export interface PostRecord {
  id: string;
  profileId: string;
  text: string;
  platforms: Platform[];
  mediaUrls: string[];
  isVideo: boolean;
  options: Record<string, unknown>;
  scheduleDate: Date | null;
  type: 'now' | 'scheduled';
  idempotencyKey: string | null;
  requestHash: string | null;
  firstResponse: unknown;
  firstStatus: number | null;
  cancelledAt: Date | null;
  createdAt: Date;
  notes: string | null;
  /** scheduledPause: its targets wait, queued, until resumed. */
  paused: boolean;
  requiresApproval: boolean;
  approvedAt: Date | null;
  /** When the post is to go out (see migration 009). */
  dueAt: Date;
  /** The auto schedule that chose `scheduleDate`, when one did. */
  autoSchedule: string | null;
  /** Made with `shortenLinks: true`: an edit of its text is enhanced again. */
  shortenLinks: boolean;
  /** autoFix as sent (NULL: HERALD_MEDIA_AUTOFIX decides when it goes out). */
  autoFix: AutoFix | null;
}

export interface TargetRecord {
  id: string;
  postId: string;
  platform: Platform;
  accountId: string | null;
  state: TargetState;
  attempts: number;
  networkPostId: string | null;
  postUrl: string | null;
  extra: Record<string, unknown> | null;
  error: ErrorSpec | null;
  warnings: ErrorSpec[] | null;
  nextAttemptAt: Date | null;
  leaseUntil: Date | null;
  publishedAt: Date | null;
  progress: Record<string, unknown> | null;
  /** The text sent to this network when enhancement changed it (shortenLinks); null: the post's. */
  text: string | null;
  updatedAt: Date;
}

export interface PostRow {
  id: string;
  profile_id: string;
  text: string;
  platforms: Platform[];
  media_urls: string[];
  is_video: boolean;
  options: Record<string, unknown>;
  schedule_date: Date | null;
  type: 'now' | 'scheduled';
  idempotency_key: string | null;
  request_hash: string | null;
  first_response: unknown;
  first_status: number | null;
  cancelled_at: Date | null;
  created_at: Date;
  notes: string | null;
  paused: boolean;
  requires_approval: boolean;
  approved_at: Date | null;
  due_at: Date;
  auto_schedule: string | null;
  shorten_links: boolean;
  auto_fix: AutoFix | null;
}

export interface TargetRow {
  id: string;
  post_id: string;
  platform: Platform;
  account_id: string | null;
  state: TargetState;
  attempts: number;
  network_post_id: string | null;
  post_url: string | null;
  extra: Record<string, unknown> | null;
  error: ErrorSpec | null;
  warnings: ErrorSpec[] | null;
  next_attempt_at: Date | null;
  lease_until: Date | null;
  published_at: Date | null;
  progress: Record<string, unknown> | null;
  text: string | null;
  updated_at: Date;
}

/**
 * Every column of a PostRow (TargetRow below), for the statements that name what they return
 * instead of `*`: the hot ones go as named statements (parsed and planned once per connection),
 * and a named statement that returned `*` would fail with "cached plan must not change result
 * type" once a migration added a column while the process ran. A `Record` over the row's keys:
 * the compiler refuses a column the row has and the list lacks, or the reverse.
 */
const POST_COLUMNS = columnList<PostRow>({
  id: true,
  profile_id: true,
  text: true,
  platforms: true,
  media_urls: true,
  is_video: true,
  options: true,
  schedule_date: true,
  type: true,
  idempotency_key: true,
  request_hash: true,
  first_response: true,
  first_status: true,
  cancelled_at: true,
  created_at: true,
  notes: true,
  paused: true,
  requires_approval: true,
  approved_at: true,
  due_at: true,
  auto_schedule: true,
  shorten_links: true,
  auto_fix: true,
});

const TARGET_COLUMNS = columnList<TargetRow>({
  id: true,
  post_id: true,
  platform: true,
  account_id: true,
  state: true,
  attempts: true,
  network_post_id: true,
  post_url: true,
  extra: true,
  error: true,
  warnings: true,
  next_attempt_at: true,
  lease_until: true,
  published_at: true,
  progress: true,
  text: true,
  updated_at: true,
});

function columnList<Row>(columns: Record<keyof Row & string, true>): string {
  return Object.keys(columns).join(', ');
}

export const toPost = (r: PostRow): PostRecord => ({
  id: r.id,
  profileId: r.profile_id,
  text: r.text,
  platforms: r.platforms,
  mediaUrls: r.media_urls,
  isVideo: r.is_video,
  options: r.options,
  scheduleDate: r.schedule_date,
  type: r.type,
  idempotencyKey: r.idempotency_key,
  requestHash: r.request_hash,
  firstResponse: r.first_response,
  firstStatus: r.first_status,
  cancelledAt: r.cancelled_at,
  createdAt: r.created_at,
  notes: r.notes,
  paused: r.paused,
  requiresApproval: r.requires_approval,
  approvedAt: r.approved_at,
  dueAt: r.due_at,
  autoSchedule: r.auto_schedule,
  shortenLinks: r.shorten_links,
  autoFix: r.auto_fix ?? null,
});

/** A posts row as `to_jsonb(p)` gives it: its timestamps are ISO strings. */
export type PostJson = Omit<
  PostRow,
  'schedule_date' | 'cancelled_at' | 'created_at' | 'approved_at' | 'due_at'
> & {
  schedule_date: string | null;
  cancelled_at: string | null;
  created_at: string;
  approved_at: string | null;
  due_at: string;
};

const dateOf = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** The post of a row read as JSON (one statement that returns several tables' rows, e.g. a claim). */
export const postFromJson = (j: PostJson): PostRecord =>
  toPost({
    ...j,
    schedule_date: dateOf(j.schedule_date),
    cancelled_at: dateOf(j.cancelled_at),
    created_at: new Date(j.created_at),
    approved_at: dateOf(j.approved_at),
    due_at: new Date(j.due_at),
  });

export const toTarget = (r: TargetRow): TargetRecord => ({
  id: r.id,
  postId: r.post_id,
  platform: r.platform,
  accountId: r.account_id,
  state: r.state,
  attempts: r.attempts,
  networkPostId: r.network_post_id,
  postUrl: r.post_url,
  extra: r.extra,
  error: r.error,
  warnings: r.warnings,
  nextAttemptAt: r.next_attempt_at,
  leaseUntil: r.lease_until,
  publishedAt: r.published_at,
  progress: r.progress,
  text: r.text,
  updatedAt: r.updated_at,
});

export interface NewPost {
  id: string;
  profileId: string;
  text: string;
  platforms: Platform[];
  mediaUrls: string[];
  isVideo: boolean;
  options: Record<string, unknown>;
  scheduleDate: Date | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  notes?: string | null;
  requiresApproval?: boolean;
  autoSchedule?: string | null;
  shortenLinks?: boolean;
  autoFix?: AutoFix | null;
}

/** Inserts the post; with an idempotency key already used by this profile, inserts nothing and returns undefined. */
export async function insertPost(db: Queryable, post: NewPost): Promise<PostRecord | undefined> {
  const { rows } = await db.query<PostRow>(
    `INSERT INTO posts (id, profile_id, text, platforms, media_urls, is_video, options, schedule_date, type, idempotency_key,
                        request_hash, notes, requires_approval, auto_schedule, shorten_links, due_at, auto_fix)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, coalesce($8, now()), $16)
     ON CONFLICT (profile_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING *`,
    [
      post.id,
      post.profileId,
      post.text,
      post.platforms,
      post.mediaUrls,
      post.isVideo,
      post.options,
      post.scheduleDate,
      post.scheduleDate ? 'scheduled' : 'now',
      post.idempotencyKey,
      post.requestHash,
      post.notes ?? null,
      post.requiresApproval ?? false,
      post.autoSchedule ?? null,
      post.shortenLinks ?? false,
      post.autoFix ?? null,
    ],
  );
  return rows[0] ? toPost(rows[0]) : undefined;
}

/**
 * Several posts without idempotency keys in one statement (group commit: the accepts of
 * concurrent requests share one transaction). The same columns and defaults as insertPost.
 */
export async function insertPosts(db: Queryable, posts: readonly NewPost[]): Promise<PostRecord[]> {
  if (posts.length === 0) return [];
  const { rows } = await db.query<PostRow>({
    // Named (parsed and planned once per connection): an INSERT from a document has one plan.
    name: 'herald_insert_posts',
    text: `INSERT INTO posts (id, profile_id, text, platforms, media_urls, is_video, options, schedule_date, type, idempotency_key,
                        request_hash, notes, requires_approval, auto_schedule, shorten_links, due_at, auto_fix)
     SELECT p.id, p.profile_id, p.text, p.platforms, p.media_urls, p.is_video, p.options, p.schedule_date,
            CASE WHEN p.schedule_date IS NULL THEN 'now' ELSE 'scheduled' END, NULL,
            NULL, p.notes, p.requires_approval, p.auto_schedule, p.shorten_links, coalesce(p.schedule_date, now()),
            p.auto_fix
     FROM jsonb_to_recordset($1::jsonb) AS p (id text, profile_id uuid, text text, platforms text[],
            media_urls text[], is_video boolean, options jsonb, schedule_date timestamptz, notes text,
            requires_approval boolean, auto_schedule text, shorten_links boolean, auto_fix text)
     RETURNING ${POST_COLUMNS}`,
    values: [
      JSON.stringify(
        posts.map((post) => {
          if (post.idempotencyKey !== null)
            throw new Error('insertPosts takes posts without idempotency keys');
          return {
            id: post.id,
            profile_id: post.profileId,
            text: post.text,
            platforms: post.platforms,
            media_urls: post.mediaUrls,
            is_video: post.isVideo,
            options: post.options,
            schedule_date: post.scheduleDate?.toISOString() ?? null,
            notes: post.notes ?? null,
            requires_approval: post.requiresApproval ?? false,
            auto_schedule: post.autoSchedule ?? null,
            shorten_links: post.shortenLinks ?? false,
            auto_fix: post.autoFix ?? null,
          };
        }),
      ),
    ],
  });
  return rows.map(toPost);
}

/** A post's targets, all `queued`, in one statement; `text` only where enhancement changed it. */
export async function insertTargets(
  db: Queryable,
  targets: readonly {
    id: string;
    postId: string;
    platform: Platform;
    accountId: string;
    text?: string | null;
    /** A job for later, kept on the row until due (jobs/queue.ts deferredUntil). */
    jobDueAt?: Date | 'infinity' | undefined;
    jobSecrets?: string | undefined;
    /** A request waits for it this long from now: its settle notifies (see markAwaited). */
    awaitedForMs?: number | undefined;
  }[],
): Promise<TargetRecord[]> {
  if (targets.length === 0) return [];
  const { rows } = await db.query<TargetRow>({
    name: 'herald_insert_targets',
    text: `INSERT INTO targets (id, post_id, platform, account_id, state, text, job_due_at, job_secrets, awaited_until)
     SELECT id, post_id, platform, account_id, 'queued', text, job_due_at, job_secrets,
            now() + make_interval(secs => awaited_ms / 1000)
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[],
                 $8::double precision[])
       AS t (id, post_id, platform, account_id, text, job_due_at, job_secrets, awaited_ms)
     RETURNING ${TARGET_COLUMNS}`,
    values: [
      targets.map((t) => t.id),
      targets.map((t) => t.postId),
      targets.map((t) => t.platform),
      targets.map((t) => t.accountId),
      targets.map((t) => t.text ?? null),
      targets.map((t) => t.jobDueAt ?? null),
      targets.map((t) => (t.jobDueAt === undefined ? null : (t.jobSecrets ?? null))),
      targets.map((t) => t.awaitedForMs ?? null),
    ],
  });
  return rows.map(toTarget);
}

/**
 * Targets born `failed`, with no job: caption enhancement failed for their network (441)
 * before anything was sent. The only birth besides `queued`; PUT /api/post/retry leaves
 * them alone (seed 002: the caller resends those networks, without the enhancement).
 */
export async function insertFailedTargets(
  db: Queryable,
  targets: readonly { id: string; postId: string; platform: Platform; accountId: string; error: ErrorSpec }[],
): Promise<TargetRecord[]> {
  if (targets.length === 0) return [];
  const { rows } = await db.query<TargetRow>(
    `INSERT INTO targets (id, post_id, platform, account_id, state, error)
     SELECT id, post_id, platform, account_id, 'failed', error
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[]) AS t (id, post_id, platform, account_id, error)
     RETURNING *`,
    [
      targets.map((t) => t.id),
      targets.map((t) => t.postId),
      targets.map((t) => t.platform),
      targets.map((t) => t.accountId),
      targets.map((t) => JSON.stringify(t.error)),
    ],
  );
  return rows.map(toTarget);
}

export async function findPost(
  db: Queryable,
  profileId: string,
  id: string,
): Promise<PostRecord | undefined> {
  const { rows } = await db.query<PostRow>('SELECT * FROM posts WHERE id = $1 AND profile_id = $2', [
    id,
    profileId,
  ]);
  return rows[0] ? toPost(rows[0]) : undefined;
}

export async function findPostById(db: Queryable, id: string): Promise<PostRecord | undefined> {
  const { rows } = await db.query<PostRow>('SELECT * FROM posts WHERE id = $1', [id]);
  return rows[0] ? toPost(rows[0]) : undefined;
}

export async function findPostByIdempotencyKey(
  db: Queryable,
  profileId: string,
  key: string,
): Promise<PostRecord | undefined> {
  const { rows } = await db.query<PostRow>(
    'SELECT * FROM posts WHERE profile_id = $1 AND idempotency_key = $2',
    [profileId, key],
  );
  return rows[0] ? toPost(rows[0]) : undefined;
}

export async function recordFirstResponse(
  db: Queryable,
  id: string,
  status: number,
  body: unknown,
): Promise<void> {
  await db.query(
    'UPDATE posts SET first_response = $2, first_status = $3 WHERE id = $1 AND first_response IS NULL',
    [id, JSON.stringify(body), status],
  );
}

/** Targets by post, each post's ordered by platform (as a read of them is): one pass. */
export function targetsByPost(targets: readonly TargetRecord[]): Map<string, TargetRecord[]> {
  const byPost = new Map<string, TargetRecord[]>();
  for (const t of targets) {
    const own = byPost.get(t.postId);
    if (own) own.push(t);
    else byPost.set(t.postId, [t]);
  }
  for (const own of byPost.values()) own.sort((a, b) => (a.platform < b.platform ? -1 : 1));
  return byPost;
}

export async function listTargets(db: Queryable, postIds: readonly string[]): Promise<TargetRecord[]> {
  if (postIds.length === 0) return [];
  // Planned per call, not named: named, it gained nothing measurable, and a plan kept by
  // PostgreSQL would be made without the ids (docs/benchmarks.md, seventeenth session).
  const { rows } = await db.query<TargetRow>(
    `SELECT ${TARGET_COLUMNS} FROM targets WHERE post_id = ANY($1::text[]) ORDER BY post_id, platform`,
    [postIds],
  );
  return rows.map(toTarget);
}

export async function listPosts(
  db: Queryable,
  profileId: string,
  filter: { since: Date | null; type: 'now' | 'scheduled' | null; platform: Platform | null; limit: number },
): Promise<PostRecord[]> {
  const { rows } = await db.query<PostRow>(
    `SELECT * FROM posts WHERE profile_id = $1
       AND ($2::timestamptz IS NULL OR created_at >= $2)
       AND ($3::text IS NULL OR type = $3)
       AND ($4::text IS NULL OR $4 = ANY(platforms))
     ORDER BY created_at DESC LIMIT $5`,
    [profileId, filter.since, filter.type, filter.platform, filter.limit],
  );
  return rows.map(toPost);
}

export async function markPostCancelled(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE posts SET cancelled_at = now() WHERE id = $1 AND cancelled_at IS NULL', [id]);
}
