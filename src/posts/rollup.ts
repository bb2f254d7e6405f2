import type { TargetState } from './target-state.ts';

/** Every status a post can have (the API's `status`, history's `?status=`). */
export const POST_STATUSES = [
  'success',
  'error',
  'pending',
  'processing',
  'scheduled',
  'deleted',
  'paused',
  'awaiting approval',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** A post-level condition that keeps its queued targets waiting (Ayrshare's status strings). */
export type PostHold = 'paused' | 'awaiting approval';

/** The hold of a post, if any: approval first (a paused post awaiting approval still needs it). */
export function holdOf(post: {
  paused: boolean;
  requiresApproval: boolean;
  approvedAt: Date | null;
}): PostHold | undefined {
  if (post.requiresApproval && post.approvedAt === null) return 'awaiting approval';
  return post.paused ? 'paused' : undefined;
}

/**
 * A post's status comes from its targets and nowhere else, plus the post-level hold
 * that keeps them waiting:
 * - all cancelled/deleted → deleted; anything being sent → processing;
 * - targets waiting on a hold → the hold (`paused`, `awaiting approval`);
 * - anything still queued/pending → scheduled or pending;
 * - otherwise any failed/unconfirmed → error; else success.
 */
export function rollupStatus(
  states: readonly TargetState[],
  scheduledInFuture: boolean,
  hold?: PostHold,
): PostStatus {
  if (states.length > 0 && states.every((s) => s === 'cancelled' || s === 'deleted')) return 'deleted';
  const failed = states.some((s) => s === 'failed' || s === 'unconfirmed');
  if (states.some((s) => s === 'sending')) return 'processing';
  if (states.some((s) => s === 'queued')) return hold ?? (scheduledInFuture ? 'scheduled' : 'pending');
  if (failed) return 'error';
  if (states.some((s) => s === 'pending')) return 'pending';
  return 'success';
}
