import { expect, vi } from 'vitest';
import type { TestHerald } from './herald.ts';

export type Attempt = { number: number; outcome: string | null; error_code: number | null };

/**
 * A post's attempt log once every attempt is closed: an attempt that ends in a retry or
 * an unknown outcome is closed just after the state change that answered the request.
 */
export async function attemptsOf(t: TestHerald, postId: string): Promise<Attempt[]> {
  let rows: Attempt[] = [];
  await vi.waitFor(async () => {
    ({ rows } = await t.herald.app.pool.query<Attempt>(
      'SELECT a.number, a.outcome, a.error_code FROM attempts a JOIN targets t ON t.id = a.target_id WHERE t.post_id = $1 ORDER BY a.number',
      [postId],
    ));
    expect(rows.every((row) => row.outcome !== null)).toBe(true);
  });
  return rows;
}
