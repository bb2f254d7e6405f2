import { describe, expect, it } from 'vitest';
import {
  BIRTH_STATES,
  canMove,
  fromStates,
  IN_FLIGHT,
  TARGET_STATES,
  type TargetOperation,
  type TargetState,
  toState,
} from './target-state.ts';

/**
 * The state machine as the product promises it, written out: the guard test
 * (src/db/targets-guards.test.ts) proves the SQL follows the table, this proves the table
 * says what Herald guarantees (never twice: nothing published or unconfirmed is sent again
 * without an explicit retry; never lost: every state on the way has a way out).
 */
const SPEC: Record<TargetOperation, { from: TargetState[]; to: TargetState }> = {
  claim: { from: ['queued'], to: 'sending' },
  cancel: { from: ['queued'], to: 'cancelled' },
  publish: { from: ['sending', 'pending', 'unconfirmed'], to: 'published' },
  fail: { from: ['sending', 'pending', 'unconfirmed'], to: 'failed' },
  giveUp: { from: ['queued'], to: 'failed' },
  pend: { from: ['sending'], to: 'pending' },
  unconfirm: { from: ['sending'], to: 'unconfirmed' },
  stopPolling: { from: ['pending'], to: 'unconfirmed' },
  requeue: { from: ['sending'], to: 'queued' },
  retry: { from: ['failed'], to: 'queued' },
  retryUnconfirmed: { from: ['unconfirmed'], to: 'queued' },
  delete: { from: ['published'], to: 'deleted' },
};

describe('the target state machine', () => {
  it.each(Object.entries(SPEC))('%s moves %j', (op, { from, to }) => {
    expect(fromStates(op as TargetOperation)).toEqual(from);
    expect(toState(op as TargetOperation)).toBe(to);
  });

  it('a published target is never sent again: it can only be deleted', () => {
    expect(TARGET_STATES.filter((to) => canMove('published', to))).toEqual(['deleted']);
  });

  it('only the claim enters sending, and only from queued', () => {
    expect(TARGET_STATES.filter((from) => canMove(from, 'sending'))).toEqual(['queued']);
  });

  it('cancelled and deleted are final', () => {
    expect(TARGET_STATES.filter((to) => canMove('cancelled', to) || canMove('deleted', to))).toEqual([]);
  });

  it('targets are born queued, or failed (441, never sent); queued and sending are in flight', () => {
    expect(BIRTH_STATES).toEqual(['queued', 'failed']);
    expect(IN_FLIGHT).toEqual(['queued', 'sending']);
  });

  it('an operation without an edge is a programming error, said loudly', () => {
    expect(() => toState('nothing' as TargetOperation)).toThrow('no edge for nothing');
  });
});
