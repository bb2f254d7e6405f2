import { findPostById, listTargets, type PostRecord, type TargetRecord } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { markAwaited } from '../db/targets.ts';
import { buildEnvelope, envelopeHttpStatus, errorCodesOf } from '../posts/envelope.ts';
import { IN_FLIGHT } from '../posts/target-state.ts';
import type { AppContext } from './context.ts';

/** How long past a wait's deadline its targets stay marked as awaited. */
export const AWAIT_MARGIN_MS = 30_000;

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Waits until no target of the post is in flight (or the deadline). Answers the targets
 * the last check read when they had all settled, so the reply need not read them again.
 * The first check marks the targets in flight as awaited: only their settles notify, and
 * each names its target. The targets are read again only once every one still awaited has
 * notified (or when the waiter may have missed one): a read while another is known to be
 * in flight would only find that out. The answer is always a read made after the last
 * settle committed.
 */
export async function waitForTargets(
  app: AppContext,
  postId: string,
  timeoutMs: number,
  /**
   * The targets the accept marked awaited as it inserted them (for `timeoutMs` + the
   * margin), in the transaction the caller has just seen commit: none can have settled
   * unheard, since the wait starts listening before this process handles any other I/O.
   */
  marked?: readonly string[],
): Promise<TargetRecord[] | undefined> {
  let settled: TargetRecord[] | undefined;
  let awaiting: Set<string> | undefined = marked && marked.length > 0 ? new Set(marked) : undefined;
  // Marked in the commit just seen: the first check has heard nothing, and needs no read.
  let fresh = awaiting !== undefined;
  await app.waiter.waitFor(postId, timeoutMs, async (since) => {
    const heard = fresh ? [] : since;
    fresh = false;
    if (!awaiting) {
      // A margin past the wait: the database's clock and this process's need not agree.
      awaiting = new Set(await markAwaited(app.pool, postId, timeoutMs + AWAIT_MARGIN_MS));
      if (awaiting.size > 0) return false;
    } else if (heard) {
      for (const id of heard) awaiting.delete(id);
      if (awaiting.size > 0) return false;
    }
    const targets = await app.batches.targetReads.submit(postId);
    const inFlight = targets.filter((t) => IN_FLIGHT.includes(t.state));
    if (inFlight.length === 0) settled = targets;
    else awaiting = new Set(inFlight.map((t) => t.id));
    return inFlight.length === 0;
  });
  return settled;
}

/** The POST /api/post answer for a stored post, computed from its targets (read now unless given). */
export async function postReply(
  app: AppContext,
  post: PostRecord,
  lang: string | undefined,
  known?: readonly TargetRecord[],
): Promise<Reply> {
  const targets = known ?? (await listTargets(app.pool, [post.id]));
  const body = { ...buildEnvelope(post, targets, lang) };
  return { status: envelopeHttpStatus(errorCodesOf(targets)), body };
}

/** GET /api/post/:id and history items: Ayrshare's fields plus each target's state. */
export async function postViews(
  app: AppContext,
  profile: Profile,
  posts: readonly PostRecord[],
  lang: string | undefined,
): Promise<Record<string, unknown>[]> {
  const targets = await listTargets(
    app.pool,
    posts.map((p) => p.id),
  );
  return posts.map((post) => {
    const own = targets.filter((t) => t.postId === post.id);
    const envelope = buildEnvelope(post, own, lang);
    return {
      id: post.id,
      status: post.cancelledAt && envelope.status === 'deleted' ? 'deleted' : envelope.status,
      type: post.type,
      post: post.text,
      platforms: post.platforms,
      mediaUrls: post.mediaUrls,
      created: post.createdAt.toISOString(),
      scheduleDate: post.scheduleDate?.toISOString() ?? null,
      ...lifecycleFields(post),
      errors: envelope.errors,
      postIds: envelope.postIds,
      ...(envelope.warnings ? { warnings: envelope.warnings } : {}),
      profileTitle: profile.title,
      refId: profile.refId,
      targets: own.map((t) => ({ platform: t.platform, state: t.state, attempts: t.attempts })),
    };
  });
}

/** What the post lifecycle adds to a post's view: only what was asked for. */
export function lifecycleFields(post: PostRecord): Record<string, unknown> {
  return {
    ...(post.notes !== null ? { notes: post.notes } : {}),
    ...(post.paused ? { scheduledPause: true } : {}),
    ...(post.requiresApproval ? { requiresApproval: true, approved: post.approvedAt !== null } : {}),
    ...(post.approvedAt ? { approvedAt: post.approvedAt.toISOString() } : {}),
    ...(post.autoSchedule !== null ? { autoSchedule: { title: post.autoSchedule } } : {}),
  };
}

export async function reloadPost(app: AppContext, id: string): Promise<PostRecord> {
  const post = await findPostById(app.pool, id);
  if (!post) throw new Error(`post ${id} vanished`);
  return post;
}
