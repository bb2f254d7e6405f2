import { describe, expect, it } from 'vitest';
import type { AppContext } from '../app/context.ts';
import { DirectPublisher } from './direct-publish.ts';

function publisher(limit: number) {
  const draining = { value: false };
  return { draining, direct: new DirectPublisher({ draining } as unknown as AppContext, limit) };
}

describe('DirectPublisher room', () => {
  it('takes targets up to its limit, all of a post or none, and has room again once released', () => {
    const { direct } = publisher(3);
    expect(direct.tryReserve(2)).toBe(true);
    // A post of two targets does not fit in the one left: all its targets go through the queue.
    expect(direct.tryReserve(2)).toBe(false);
    expect(direct.tryReserve(1)).toBe(true);
    expect(direct.tryReserve(1)).toBe(false);
    direct.release(2);
    expect(direct.tryReserve(2)).toBe(true);
  });

  it('takes nothing while the process drains', () => {
    const { direct, draining } = publisher(10);
    draining.value = true;
    expect(direct.tryReserve(1)).toBe(false);
  });

  it('drains at once when nothing runs', async () => {
    await publisher(1).direct.drain();
  });
});
