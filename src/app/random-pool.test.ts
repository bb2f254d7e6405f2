import { describe, expect, it } from 'vitest';
import { randomBytesFromPool } from './random-pool.ts';

describe('randomBytesFromPool', () => {
  it('hands out fresh bytes every time, across refills, and never the same ones twice', () => {
    // 3 × 4096 bytes in 16-byte draws: the pool is refilled twice on the way.
    const draws = Array.from({ length: 768 }, () => randomBytesFromPool(16).toString('hex'));
    expect(new Set(draws).size).toBe(draws.length);
    expect(draws.every((d) => d.length === 32 && d !== '0'.repeat(32))).toBe(true);
  });

  it('a draw is the caller’s own copy: changing it changes no later draw', () => {
    const first = randomBytesFromPool(20);
    first.fill(7);
    const second = randomBytesFromPool(20);
    expect(second.equals(Buffer.alloc(20, 7))).toBe(false);
  });

  it('draws that do not fit what is left come whole from a refilled pool', () => {
    const sizes = [4000, 200, 4096, 1];
    for (const n of sizes) expect(randomBytesFromPool(n)).toHaveLength(n);
    expect(() => randomBytesFromPool(4097)).toThrow(RangeError);
  });
});
