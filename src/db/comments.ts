import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import type { Queryable } from './pool.ts';

/**
 * Comments Herald sends, one row per (request × network). Every state change is one
 * guarded UPDATE; every read of a profile's comments filters by its profile_id.
 */

export type CommentKind = 'comment' | 'reply' | 'first';
export type CommentState = 'sending' | 'posted' | 'failed' | 'unconfirmed' | 'deleted';

export interface CommentRecord {
  id: string;
  commentId: string;
  profileId: string;
  postId: string | null;
  targetId: string | null;
  accountId: string | null;
  platform: Platform;
  kind: CommentKind;
  networkPostId: string;
  networkParentId: string | null;
  networkCommentId: string | null;
  text: string;
  mediaUrls: string[];
  state: CommentState;
  error: ErrorSpec | null;
  extra: Record<string, unknown> | null;
  leaseUntil: Date | null;
  createdAt: Date;
}

interface CommentRow {
  id: string;
  comment_id: string;
  profile_id: string;
  post_id: string | null;
  target_id: string | null;
  account_id: string | null;
  platform: Platform;
  kind: CommentKind;
  network_post_id: string;
  network_parent_id: string | null;
  network_comment_id: string | null;
  text: string;
  media_urls: string[];
  state: CommentState;
  error: ErrorSpec | null;
  extra: Record<string, unknown> | null;
  lease_until: Date | null;
  created_at: Date;
}

const toComment = (r: CommentRow): CommentRecord => ({
  id: r.id,
  commentId: r.comment_id,
  profileId: r.profile_id,
  postId: r.post_id,
  targetId: r.target_id,
  accountId: r.account_id,
  platform: r.platform,
  kind: r.kind,
  networkPostId: r.network_post_id,
  networkParentId: r.network_parent_id,
  networkCommentId: r.network_comment_id,
  text: r.text,
  mediaUrls: r.media_urls,
  state: r.state,
  error: r.error,
  extra: r.extra,
  leaseUntil: r.lease_until,
  createdAt: r.created_at,
});

export interface NewComment {
  id: string;
  commentId: string;
  profileId: string;
  postId: string | null;
  targetId: string | null;
  accountId: string;
  platform: Platform;
  kind: CommentKind;
  networkPostId: string;
  networkParentId: string | null;
  text: string;
  mediaUrls: readonly string[];
  leaseMs: number;
}

/**
 * The claim: the row is written `sending`, leased, before the network is called. A
 * first comment can be claimed once per target (a unique index): a second job, or a
 * repeat of the job, inserts nothing and gets undefined.
 */
export async function claimComment(db: Queryable, c: NewComment): Promise<CommentRecord | undefined> {
  const { rows } = await db.query<CommentRow>(
    `INSERT INTO comments (id, comment_id, profile_id, post_id, target_id, account_id, platform, kind,
                           network_post_id, network_parent_id, text, media_urls, state, lease_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'sending',
             now() + make_interval(secs => $13::double precision / 1000))
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [
      c.id,
      c.commentId,
      c.profileId,
      c.postId,
      c.targetId,
      c.accountId,
      c.platform,
      c.kind,
      c.networkPostId,
      c.networkParentId,
      c.text,
      c.mediaUrls,
      c.leaseMs,
    ],
  );
  return rows[0] ? toComment(rows[0]) : undefined;
}

/** The network's id is written in the statement that makes the comment posted. */
export async function markCommentPosted(
  db: Queryable,
  id: string,
  networkCommentId: string,
  extra: Record<string, unknown> | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE comments SET state = 'posted', network_comment_id = $2, extra = $3, error = NULL,
            lease_until = NULL, updated_at = now()
     WHERE id = $1 AND state IN ('sending', 'unconfirmed')`,
    [id, networkCommentId, extra ? JSON.stringify(extra) : null],
  );
  return (rowCount ?? 0) > 0;
}

/** A refusal (the network said no, certainly nothing was posted) or an unknown outcome. */
export async function markCommentSettled(
  db: Queryable,
  id: string,
  state: 'failed' | 'unconfirmed',
  error: ErrorSpec,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE comments SET state = $2, error = $3, lease_until = NULL, updated_at = now()
     WHERE id = $1 AND state = 'sending'`,
    [id, state, JSON.stringify(error)],
  );
  return (rowCount ?? 0) > 0;
}

export async function markCommentDeleted(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE comments SET state = 'deleted', updated_at = now() WHERE id = $1 AND state = 'posted'`,
    [id],
  );
}

/** Keeps a `sending` comment leased while its outcome is asked for again. */
export async function releaseLease(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE comments SET lease_until = now() WHERE id = $1 AND state = 'sending'`, [id]);
}

export async function findComment(db: Queryable, id: string): Promise<CommentRecord | undefined> {
  const { rows } = await db.query<CommentRow>('SELECT * FROM comments WHERE id = $1', [id]);
  return rows[0] ? toComment(rows[0]) : undefined;
}

export async function findFirstComment(db: Queryable, targetId: string): Promise<CommentRecord | undefined> {
  const { rows } = await db.query<CommentRow>(
    `SELECT * FROM comments WHERE target_id = $1 AND kind = 'first'`,
    [targetId],
  );
  return rows[0] ? toComment(rows[0]) : undefined;
}

/** The rows of one of this profile's comment requests (Herald's commentId). */
export async function commentsByCommentId(
  db: Queryable,
  profileId: string,
  commentId: string,
): Promise<CommentRecord[]> {
  const { rows } = await db.query<CommentRow>(
    'SELECT * FROM comments WHERE profile_id = $1 AND comment_id = $2 ORDER BY platform',
    [profileId, commentId],
  );
  return rows.map(toComment);
}

/** Every comment this profile sent on one of its posts (first comments included). */
export async function commentsOnPost(
  db: Queryable,
  profileId: string,
  postId: string,
): Promise<CommentRecord[]> {
  const { rows } = await db.query<CommentRow>(
    'SELECT * FROM comments WHERE profile_id = $1 AND post_id = $2 ORDER BY created_at, platform',
    [profileId, postId],
  );
  return rows.map(toComment);
}

/** This profile's comment with this network id, if Herald sent it. */
export async function commentByNetworkId(
  db: Queryable,
  profileId: string,
  platform: Platform,
  networkCommentId: string,
): Promise<CommentRecord | undefined> {
  const { rows } = await db.query<CommentRow>(
    `SELECT * FROM comments WHERE profile_id = $1 AND platform = $2 AND network_comment_id = $3
     ORDER BY created_at DESC LIMIT 1`,
    [profileId, platform, networkCommentId],
  );
  return rows[0] ? toComment(rows[0]) : undefined;
}

/**
 * Whether a network id (of a post or a comment) belongs to another profile's post or
 * comment in Herald: such an id is answered 607, whatever account could reach it.
 */
export async function ownedByAnotherProfile(
  db: Queryable,
  profileId: string,
  platform: Platform,
  networkId: string,
): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM comments WHERE platform = $2 AND network_comment_id = $3 AND profile_id <> $1
     ) OR EXISTS (
       SELECT 1 FROM targets t JOIN posts p ON p.id = t.post_id
       WHERE t.platform = $2 AND t.network_post_id = $3 AND p.profile_id <> $1
     ) AS found`,
    [profileId, platform, networkId],
  );
  return rows[0]?.found ?? false;
}

/** Comments whose sender died mid-call (lease expired while `sending`). */
export async function expiredCommentLeases(db: Queryable): Promise<CommentRecord[]> {
  const { rows } = await db.query<CommentRow>(
    `SELECT * FROM comments WHERE state = 'sending' AND lease_until < now() LIMIT 1000`,
  );
  return rows.map(toComment);
}
