import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { workerBatches } from './worker-batches.ts';

/**
 * The batchers over the sandbox ledger and the waiting requests' reads, on a real database:
 * what arrives in one turn shares a statement, and each caller gets exactly its own answer.
 */

let pool: pg.Pool;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 4 });
  await pool.query(
    "INSERT INTO profiles (id, title, ref_id, is_primary) VALUES (gen_random_uuid(), 'p', 'r', true)",
  );
});
afterAll(async () => {
  await pool?.end();
});

/** A post with targets on these platforms; their ids by platform. */
async function post(postId: string, platforms: string[]): Promise<Record<string, string>> {
  await pool.query(
    `INSERT INTO posts (id, profile_id, text, platforms, type) SELECT $1, id, 'x', $2, 'now' FROM profiles`,
    [postId, platforms],
  );
  const { rows } = await pool.query<{ id: string; platform: string }>(
    `INSERT INTO targets (id, post_id, platform, state) SELECT gen_random_uuid(), $1, p, 'sending'
     FROM unnest($2::text[]) AS p RETURNING id, platform`,
    [postId, platforms],
  );
  return Object.fromEntries(rows.map((r) => [r.platform, r.id]));
}

async function ledger(targetId: string) {
  const { rows } = await pool.query(
    'SELECT network_post_id, creates FROM sandbox_ledger WHERE target_id = $1',
    [targetId],
  );
  return rows[0];
}

describe('the sandbox creates batch', () => {
  it('writes the creates of one turn together, each as alone; a call retried is not a second create', async () => {
    const { facebook, linkedin } = await post('creates', ['facebook', 'linkedin']);
    const creates = workerBatches(pool, 60_000).sandboxCreates;
    const call = '00000000-0000-4000-8000-000000000001';
    await Promise.all([
      creates.submit({ targetId: facebook as string, id: 'fb-1', postUrl: 'https://f/1', call }),
      creates.submit({
        targetId: linkedin as string,
        id: 'li-1',
        postUrl: 'https://l/1',
        call: '00000000-0000-4000-8000-000000000002',
      }),
    ]);
    // The same call again (a retry through an outage): still one create.
    await creates.submit({ targetId: facebook as string, id: 'fb-1', postUrl: 'https://f/1', call });
    expect(await ledger(facebook as string)).toEqual({ network_post_id: 'fb-1', creates: 1 });
    expect(await ledger(linkedin as string)).toEqual({ network_post_id: 'li-1', creates: 1 });
  });

  it('two sends of one target in the same turn are both counted (a duplicate send stays visible)', async () => {
    const { facebook } = await post('twice', ['facebook']);
    const creates = workerBatches(pool, 60_000).sandboxCreates;
    await Promise.all(
      ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'].map((call, i) =>
        creates.submit({ targetId: facebook as string, id: `fb-${i}`, postUrl: `https://f/${i}`, call }),
      ),
    );
    // The first post kept, both creates counted.
    expect(await ledger(facebook as string)).toMatchObject({ creates: 2 });
  });
});

describe('the waiters’ reads batch', () => {
  it('answers each waiting post its own targets, in platform order, from one read', async () => {
    await post('read-a', ['linkedin', 'facebook']);
    await post('read-b', ['bluesky']);
    const reads = workerBatches(pool, 60_000).targetReads;
    const [a, b, none, again] = await Promise.all(
      ['read-a', 'read-b', 'no-such-post', 'read-a'].map((id) => reads.submit(id)),
    );
    expect(a?.map((t) => t.platform)).toEqual(['facebook', 'linkedin']);
    expect(b?.map((t) => t.platform)).toEqual(['bluesky']);
    expect(none).toEqual([]);
    expect(again).toEqual(a);
    expect(again).not.toBe(a);
  });
});
