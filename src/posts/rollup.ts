import type { TargetState } from './target-state.ts';

export type PostStatus = 'success' | 'error' | 'pending' | 'processing' | 'scheduled' | 'deleted';

/**
 * A post's status comes from its targets and nowhere else.
 * - all cancelled/deleted → deleted; anything still queued/sending/pending → processing or pending;
 * - otherwise any failed/unconfirmed → error; else success.
 */
export function rollupStatus(states: readonly TargetState[], scheduledInFuture: boolean): PostStatus {
  if (states.length > 0 && states.every((s) => s === 'cancelled' || s === 'deleted')) return 'deleted';
  const failed = states.some((s) => s === 'failed' || s === 'unconfirmed');
  if (states.some((s) => s === 'sending')) return 'processing';
  if (states.some((s) => s === 'queued')) return scheduledInFuture ? 'scheduled' : 'pending';
  if (failed) return 'error';
  if (states.some((s) => s === 'pending')) return 'pending';
  return 'success';
}
