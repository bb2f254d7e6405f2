import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, insertProfileWithAccount } from '../../test/helpers/database.ts';
import { insertPosts, insertTargets, type NewPost } from './posts.ts';

/**
 * The accept's inserts are named statements: parsed and planned once per connection. A
 * process keeps its connections across a rolling upgrade, whose migration may add a column
 * to `posts` or `targets` while it runs; a named statement that returned `*` would then fail
 * every accept on those connections with "cached plan must not change result type". They
 * name their columns, so they go on.
 */

let db: pg.Client;
const PROFILE = '00000000-0000-4000-8000-000000000077';
const ACCOUNT = '00000000-0000-4000-9000-000000000077';
let n = 0;

const newPost = (): NewPost => ({
  id: `named-${++n}`,
  profileId: PROFILE,
  text: 'hello',
  platforms: ['linkedin'],
  mediaUrls: [],
  isVideo: false,
  options: {},
  scheduleDate: new Date(Date.now() + 86_400_000),
  idempotencyKey: null,
  requestHash: null,
});

async function accept(): Promise<void> {
  const [post] = await insertPosts(db, [newPost()]);
  if (!post) throw new Error('no post stored');
  const [target] = await insertTargets(db, [
    { id: crypto.randomUUID(), postId: post.id, platform: 'linkedin', accountId: ACCOUNT },
  ]);
  expect(post.text).toBe('hello');
  expect(post.type).toBe('scheduled');
  expect(target?.state).toBe('queued');
  expect(target?.postId).toBe(post.id);
}

beforeAll(async () => {
  db = new pg.Client({ connectionString: await createTestDatabase() });
  await db.connect();
  await insertProfileWithAccount(db, { profile: PROFILE, account: ACCOUNT, refId: 'r77' });
});
afterAll(async () => {
  await db?.end();
});

describe("the accept's named inserts", () => {
  it('go on, on the same connection, after a migration adds a column to posts and to targets', async () => {
    await accept();
    const { rows } = await db.query<{ name: string }>(
      `SELECT name FROM pg_prepared_statements WHERE name IN ('herald_insert_posts', 'herald_insert_targets') ORDER BY name`,
    );
    expect(rows.map((r) => r.name)).toEqual(['herald_insert_posts', 'herald_insert_targets']);
    await db.query('ALTER TABLE posts ADD COLUMN added_later int');
    await db.query('ALTER TABLE targets ADD COLUMN added_later int');
    await accept();
  });
});
