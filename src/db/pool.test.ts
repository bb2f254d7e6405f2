import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { createPipelinePool, createPool, inOrder, inTransaction, isPipelined } from './pool.ts';

/**
 * inTransaction with inOrder: on a pipelined pool (the accept batches') every statement of the
 * transaction leaves before the first answer arrives; on a plain pool each waits for the one
 * before. Either way a failed statement rolls back the ones before it, the caller gets its
 * error, and the connection serves the next transaction.
 */

let pipelined: pg.Pool;
let plain: pg.Pool;

beforeAll(async () => {
  const url = await createTestDatabase();
  pipelined = createPipelinePool(url, 2, () => undefined);
  plain = createPool(url, 2, () => undefined);
  await plain.query('CREATE TABLE pool_test (id int PRIMARY KEY)');
});
afterAll(async () => {
  await pipelined?.end();
  await plain?.end();
});

/** Three inserts as steps, logging when each is started and when each is answered. */
async function threeInserts(pool: pg.Pool, ids: readonly number[], log: string[]): Promise<void> {
  await inTransaction(pool, (tx) =>
    inOrder(
      tx,
      ids.map((id, i) => () => {
        log.push(`start ${i}`);
        return tx.query('INSERT INTO pool_test (id) VALUES ($1)', [id]).then(
          (r) => {
            log.push(`answer ${i}`);
            return r;
          },
          (err) => {
            log.push(`error ${i}`);
            throw err;
          },
        );
      }),
    ),
  );
}

async function stored(ids: readonly number[]): Promise<number[]> {
  const { rows } = await plain.query<{ id: number }>(
    'SELECT id FROM pool_test WHERE id = ANY($1) ORDER BY id',
    [ids],
  );
  return rows.map((r) => r.id);
}

describe('inTransaction and inOrder', () => {
  it('on a pipelined pool, sends every statement before the first answer', async () => {
    const log: string[] = [];
    await threeInserts(pipelined, [1, 2, 3], log);
    expect(log).toEqual(['start 0', 'start 1', 'start 2', 'answer 0', 'answer 1', 'answer 2']);
    expect(await stored([1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('on a plain pool, sends each statement after the answer to the one before', async () => {
    const log: string[] = [];
    await threeInserts(plain, [11, 12, 13], log);
    expect(log).toEqual(['start 0', 'answer 0', 'start 1', 'answer 1', 'start 2', 'answer 2']);
    expect(await stored([11, 12, 13])).toEqual([11, 12, 13]);
  });

  it.each([
    ['pipelined', () => pipelined],
    ['plain', () => plain],
  ])(
    'on a %s pool, a failed statement rolls back the ones before it and is the error thrown',
    async (_name, pool) => {
      const base = pool() === pipelined ? 100 : 200;
      await plain.query('INSERT INTO pool_test (id) VALUES ($1)', [base + 2]);
      const log: string[] = [];
      // The second insert hits the row above (unique violation); the third never commits.
      await expect(threeInserts(pool(), [base + 1, base + 2, base + 3], log)).rejects.toMatchObject({
        code: '23505',
      });
      expect(await stored([base + 1, base + 3])).toEqual([]);
      // The connection is clean for the next transaction.
      await threeInserts(pool(), [base + 4], []);
      expect(await stored([base + 4])).toEqual([base + 4]);
    },
  );

  it('tells the pools apart', async () => {
    const a = await pipelined.connect();
    const b = await plain.connect();
    try {
      expect([isPipelined(a), isPipelined(b)]).toEqual([true, false]);
    } finally {
      a.release();
      b.release();
    }
  });
});
