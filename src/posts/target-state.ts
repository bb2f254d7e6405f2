/**
 * A target is one (post x network). Its state only moves along these edges;
 * `published` is final: nothing ever moves it again (deleting it at the network
 * marks it `deleted`, which records the deletion, not a re-send).
 *
 * This table is the one source of truth: every SQL guard in src/db/targets.ts takes its
 * "from" states from `fromStates(operation)` and its "to" state from `toState`, and
 * src/db/targets-guards.test.ts moves a row from every state through every operation
 * against it, edge by edge.
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

/** What moves a target: each is one guarded statement in src/db/targets.ts. */
export type TargetOperation =
  /** The only way into `sending`: the claim that also records the attempt. */
  | 'claim'
  /** The user cancels a post not sent yet. */
  | 'cancel'
  /** The network said yes (or reconcile found the post). */
  | 'publish'
  /** The network said no (or a pre-network check did). */
  | 'fail'
  /**
   * The publish job ran out of attempts on errors of Herald's own before any claim took the
   * target (679): nothing was sent, and without this the target would wait for good.
   */
  | 'giveUp'
  /** The network said "later" (TikTok): polled or told by webhook. */
  | 'pend'
  /** No answer and no way to look the post up. */
  | 'unconfirm'
  /**
   * Herald stops asking about a `pending` target: its poll job ran out of attempts on errors of
   * Herald's own, every status fetch failed for 72 h in a row, or its account was unlinked. The
   * network took the post and may still publish it (its webhook can still settle it).
   */
  | 'stopPolling'
  /** Back to the queue only when the network certainly did not create the post (rate limit, reconcile found nothing). */
  | 'requeue'
  /** A retry, by the API or the automatic policy. */
  | 'retry'
  /** A retry of an unconfirmed target: only on an explicit request, after reconciliation could not decide. */
  | 'retryUnconfirmed'
  /** The post was deleted at the network. */
  | 'delete';

export const EDGES: readonly { op: TargetOperation; from: TargetState; to: TargetState }[] = [
  { op: 'claim', from: 'queued', to: 'sending' },
  { op: 'cancel', from: 'queued', to: 'cancelled' },
  { op: 'publish', from: 'sending', to: 'published' },
  { op: 'publish', from: 'pending', to: 'published' },
  { op: 'publish', from: 'unconfirmed', to: 'published' },
  { op: 'fail', from: 'sending', to: 'failed' },
  { op: 'fail', from: 'pending', to: 'failed' },
  { op: 'fail', from: 'unconfirmed', to: 'failed' },
  { op: 'giveUp', from: 'queued', to: 'failed' },
  { op: 'pend', from: 'sending', to: 'pending' },
  { op: 'unconfirm', from: 'sending', to: 'unconfirmed' },
  { op: 'stopPolling', from: 'pending', to: 'unconfirmed' },
  { op: 'requeue', from: 'sending', to: 'queued' },
  { op: 'retry', from: 'failed', to: 'queued' },
  { op: 'retryUnconfirmed', from: 'unconfirmed', to: 'queued' },
  { op: 'delete', from: 'published', to: 'deleted' },
];

/**
 * States a target is created in: `queued`, or `failed` when caption enhancement failed
 * for that network before anything was stored (441: recorded, never sent).
 */
export const BIRTH_STATES: readonly TargetState[] = ['queued', 'failed'];

function transitions(): Record<TargetState, TargetState[]> {
  const table = {} as Record<TargetState, TargetState[]>;
  for (const from of TARGET_STATES) {
    table[from] = [...new Set(EDGES.filter((e) => e.from === from).map((e) => e.to))];
  }
  return table;
}

/** Where each state may go, whatever the operation. */
export const TRANSITIONS: Readonly<Record<TargetState, readonly TargetState[]>> = transitions();

export function canMove(from: TargetState, to: TargetState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states `op` moves a target from: what its SQL guard accepts. */
export function fromStates(op: TargetOperation): TargetState[] {
  return EDGES.filter((e) => e.op === op).map((e) => e.from);
}

/** The state `op` moves a target to. */
export function toState(op: TargetOperation): TargetState {
  const edge = EDGES.find((e) => e.op === op);
  if (!edge) throw new Error(`no edge for ${op}`);
  return edge.to;
}

/** States in which the target is still on its way: a waiting caller keeps waiting. */
export const IN_FLIGHT: readonly TargetState[] = ['queued', 'sending'];
