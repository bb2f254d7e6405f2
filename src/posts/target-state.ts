/**
 * A target is one (post x network). Its state only moves along these edges;
 * `published` is final: nothing ever moves it again (deleting it at the network
 * marks it `deleted`, which records the deletion, not a re-send).
 */
export const TARGET_STATES = [
  'queued',
  'sending',
  'published',
  'failed',
  'pending',
  'unconfirmed',
  'cancelled',
  'deleted',
] as const;
export type TargetState = (typeof TARGET_STATES)[number];

export const TRANSITIONS: Readonly<Record<TargetState, readonly TargetState[]>> = {
  // claim (records the attempt) or the user cancels a scheduled post
  queued: ['sending', 'cancelled'],
  // the network said yes / no / later / nothing; `queued` only when the network
  // certainly did not create the post (rate limit, reconcile found nothing)
  sending: ['published', 'failed', 'pending', 'unconfirmed', 'queued'],
  published: ['deleted'],
  // retry, by the API or the automatic policy
  failed: ['queued'],
  pending: ['published', 'failed'],
  // only on an explicit request, after reconciliation could not decide
  unconfirmed: ['queued', 'published', 'failed'],
  cancelled: [],
  deleted: [],
};

export function canMove(from: TargetState, to: TargetState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States in which the target is still on its way: a waiting caller keeps waiting. */
export const IN_FLIGHT: readonly TargetState[] = ['queued', 'sending'];
