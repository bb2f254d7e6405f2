import type { Platform } from '../platforms.ts';
import type { Queryable } from './pool.ts';

/**
 * Facts for the `comments` webhook: a comment Herald sent, or one it saw arrive on a
 * post. Each fact is recorded once (per profile, network and comment id), in the same
 * transaction as the change that causes it; the outbox delivers from here.
 */

export interface CommentFact {
  profileId: string;
  platform: Platform;
  direction: 'sent' | 'received';
  /** Herald's post id, when the comment is on one. */
  postId: string | null;
  networkPostId: string;
  networkCommentId: string;
  /** What the webhook carries: the comment as GET /api/comments shows it. */
  payload: Record<string, unknown>;
}

/** Records facts not seen before; answers the ones that are new (what a webhook announces). */
export async function recordCommentFacts(
  db: Queryable,
  facts: readonly CommentFact[],
): Promise<CommentFact[]> {
  if (facts.length === 0) return [];
  const { rows } = await db.query<{ platform: string; direction: string; network_comment_id: string }>(
    `INSERT INTO comment_events (profile_id, platform, direction, post_id, network_post_id, network_comment_id, payload)
     SELECT f.profile_id, f.platform, f.direction, f.post_id, f.network_post_id, f.network_comment_id, f.payload
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
       AS f (profile_id, platform, direction, post_id, network_post_id, network_comment_id, payload)
     ON CONFLICT DO NOTHING
     RETURNING platform, direction, network_comment_id`,
    [
      facts.map((f) => f.profileId),
      facts.map((f) => f.platform),
      facts.map((f) => f.direction),
      facts.map((f) => f.postId),
      facts.map((f) => f.networkPostId),
      facts.map((f) => f.networkCommentId),
      facts.map((f) => JSON.stringify(f.payload)),
    ],
  );
  const fresh = new Set(rows.map((r) => `${r.platform} ${r.direction} ${r.network_comment_id}`));
  return facts.filter((f) => fresh.has(`${f.platform} ${f.direction} ${f.networkCommentId}`));
}
