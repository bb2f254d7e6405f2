import { describe, expect, it } from 'vitest';
import { AccountSlots } from './account-slots.ts';

describe('AccountSlots', () => {
  it('lets `limit` sends of one account through, the next waits for a release, in order', async () => {
    const slots = new AccountSlots();
    const first = await slots.acquire('a', 2, 10_000);
    const second = await slots.acquire('a', 2, 10_000);
    expect(slots.inFlight('a')).toBe(2);
    const order: string[] = [];
    const noted = (name: string) => (release: (() => void) | undefined) => {
      order.push(name);
      return release;
    };
    const third = slots.acquire('a', 2, 10_000).then(noted('third'));
    const fourth = slots.acquire('a', 2, 10_000).then(noted('fourth'));
    // Another account is not held up by this one.
    const other = await slots.acquire('b', 2, 10_000);
    expect(other).toBeTypeOf('function');
    expect(order).toEqual([]);
    first?.();
    await third;
    expect(order).toEqual(['third']);
    expect(slots.inFlight('a')).toBe(2);
    second?.();
    (await fourth)?.();
    (await third)?.();
    expect(order).toEqual(['third', 'fourth']);
    expect(slots.inFlight('a')).toBe(0);
  });

  it('gives up after the wait bound: undefined, and the slot count is untouched', async () => {
    const slots = new AccountSlots();
    const held = await slots.acquire('a', 1, 10_000);
    expect(await slots.acquire('a', 1, 5)).toBeUndefined();
    expect(slots.inFlight('a')).toBe(1);
    held?.();
    // A release after a waiter gave up frees the slot for the next one.
    expect(await slots.acquire('a', 1, 5)).toBeTypeOf('function');
  });

  it('a release called twice frees one slot only', async () => {
    const slots = new AccountSlots();
    const a = await slots.acquire('x', 2, 10_000);
    await slots.acquire('x', 2, 10_000);
    a?.();
    a?.();
    expect(slots.inFlight('x')).toBe(1);
  });
});
