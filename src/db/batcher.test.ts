import { describe, expect, it } from 'vitest';
import { Batcher, type BatchOptions, ItemFailed } from './batcher.ts';

/** A Batcher over numbers whose run records each batch it was given; `bad` makes a batch throw. */
function batcher(options: Partial<BatchOptions> = {}, bad = -1) {
  const runs: number[][] = [];
  let running = 0;
  let mostRunning = 0;
  const b = new Batcher<number, number>(
    async (items) => {
      runs.push([...items]);
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      if (items.includes(bad)) throw new Error(`bad ${bad}`);
      return items.map((n) => (n === 13 ? new ItemFailed(new Error('thirteen')) : n * 10));
    },
    { windowMs: 0, maxBatch: 100, maxInFlight: 4, ...options },
  );
  return { b, runs, mostRunning: () => mostRunning };
}

describe('Batcher', () => {
  it('runs the items submitted in one turn of the event loop as one batch, each caller getting its own result', async () => {
    const { b, runs } = batcher();
    expect(await Promise.all([1, 2, 3].map((n) => b.submit(n)))).toEqual([10, 20, 30]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('a window gathers items that arrive within it', async () => {
    const { b, runs } = batcher({ windowMs: 20 });
    const first = b.submit(1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await Promise.all([first, b.submit(2)])).toEqual([10, 20]);
    expect(runs).toEqual([[1, 2]]);
  });

  it('never runs more than maxBatch items at once, nor more than maxInFlight batches', async () => {
    const { b, runs, mostRunning } = batcher({ maxBatch: 2, maxInFlight: 2 });
    const all = Array.from({ length: 9 }, (_, i) => i);
    expect(await Promise.all(all.map((n) => b.submit(n)))).toEqual(all.map((n) => n * 10));
    expect(runs.every((r) => r.length <= 2)).toBe(true);
    expect(runs.flat().sort((x, y) => x - y)).toEqual(all);
    expect(mostRunning()).toBe(2);
  });

  it('one item failing alone (ItemFailed) fails only its caller', async () => {
    const { b } = batcher();
    const results = await Promise.allSettled([12, 13, 14].map((n) => b.submit(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      120,
      'thirteen',
      140,
    ]);
  });

  it('a failed batch fails every caller, unless retryAlone lets each run again alone', async () => {
    const strict = batcher({}, 2);
    const failed = await Promise.allSettled([1, 2, 3].map((n) => strict.b.submit(n)));
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(strict.runs).toEqual([[1, 2, 3]]);

    const lenient = batcher({ retryAlone: () => true }, 2);
    const alone = await Promise.allSettled([1, 2, 3].map((n) => lenient.b.submit(n)));
    expect(alone.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(lenient.runs).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('a run that answers too few results fails the callers left without one, and runs nothing again', async () => {
    const runs: number[][] = [];
    const b = new Batcher<number, number>(
      async (items) => {
        runs.push([...items]);
        return [1];
      },
      { windowMs: 0, maxBatch: 10, maxInFlight: 1, retryAlone: () => true },
    );
    const results = await Promise.allSettled([1, 2].map((n) => b.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(runs).toEqual([[1, 2]]);
  });
});
