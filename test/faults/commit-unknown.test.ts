import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * The database goes away while a post is being saved. Before COMMIT: nothing was stored,
 * 649 (retry). During COMMIT: the outcome is unknown, 648 — never "failed" for a post
 * that may exist; re-sent with the same idempotencyKey it is stored exactly once.
 * The connection is cut by the server itself, from a trigger, at exactly that moment.
 */

let t: TestHerald;
let admin: pg.Client;

beforeAll(async () => {
  t = await startTestHerald();
  admin = new pg.Client({ connectionString: t.databaseUrl });
  await admin.connect();
  await linkSandbox(t, ['facebook']);
  await admin.query(`
    CREATE FUNCTION cut_connection() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.text LIKE '%cut at commit%' OR NEW.text LIKE '%cut before commit%' THEN
        PERFORM pg_terminate_backend(pg_backend_pid());
      END IF;
      RETURN NEW;
    END $$;
    -- Deferred: runs inside COMMIT, so the connection dies while COMMIT is on its way.
    CREATE CONSTRAINT TRIGGER cut_at_commit AFTER INSERT ON posts DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.text LIKE '%cut at commit%') EXECUTE FUNCTION cut_connection();
    CREATE TRIGGER cut_before_commit AFTER INSERT ON posts
      FOR EACH ROW WHEN (NEW.text LIKE '%cut before commit%') EXECUTE FUNCTION cut_connection();
  `);
});
afterAll(async () => {
  await admin.end();
  await t.stop();
});

async function postsWithKey(key: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM posts WHERE idempotency_key = $1',
    [key],
  );
  return rows[0]?.n ?? 0;
}

describe('the database connection lost while a post is saved', () => {
  it('during COMMIT: 648 says to re-send with the same key, which then stores it once', async () => {
    const body = { post: 'cut at commit', platforms: ['facebook'], idempotencyKey: 'order-cut-1' };
    const lost = await t.request('POST', '/api/post', body);
    expect(lost.status).toBe(503);
    expect(lost.body).toMatchObject({ status: 'error', code: 648 });
    expect(lost.body.message).toContain('idempotencyKey "order-cut-1"');

    await admin.query('ALTER TABLE posts DISABLE TRIGGER cut_at_commit');
    try {
      const again = await t.request('POST', '/api/post', body);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('success');
      const replay = await t.request('POST', '/api/post', body);
      expect(replay.body).toEqual(again.body);
      expect(await postsWithKey('order-cut-1')).toBe(1);
    } finally {
      await admin.query('ALTER TABLE posts ENABLE TRIGGER cut_at_commit');
    }
  });

  it('during COMMIT without a key: 648 says to look in the history before sending again', async () => {
    const lost = await t.request('POST', '/api/post', {
      post: 'cut at commit, no key',
      platforms: ['facebook'],
    });
    expect(lost.status).toBe(503);
    expect(lost.body.code).toBe(648);
    expect(lost.body.message).toContain('GET /api/history');
  });

  it('before COMMIT: 649, nothing stored, retryable', async () => {
    const before = await t.count('posts');
    const res = await t.request('POST', '/api/post', { post: 'cut before commit', platforms: ['facebook'] });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'error', code: 649 });
    expect(await t.count('posts')).toBe(before);
  });

  it('the Idempotency-Key header is the body’s idempotencyKey; two different keys are refused', async () => {
    const body = { post: 'keyed by header', platforms: ['facebook'] };
    const first = await t.request('POST', '/api/post', body, { 'idempotency-key': 'hdr-1' });
    const replay = await t.request('POST', '/api/post', { ...body, idempotencyKey: 'hdr-1' });
    expect(replay.body).toEqual(first.body);
    expect(await postsWithKey('hdr-1')).toBe(1);
    const both = await t.request(
      'POST',
      '/api/post',
      { ...body, idempotencyKey: 'x' },
      { 'idempotency-key': 'y' },
    );
    expect(both.status).toBe(400);
    expect(both.body.code).toBe(604);
  });
});
