import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * HERALD_DB_STATEMENT_TIMEOUT_MS: a request whose statement waits on a lock held elsewhere (an
 * operator's open transaction in psql) is answered 503 with code 649 once the timeout passes,
 * having changed nothing, instead of waiting as long as the lock is held. Once the lock is
 * gone the same request works.
 */

let h: TestHerald;
let operator: pg.Client;

beforeAll(async () => {
  h = await startTestHerald({ env: { HERALD_DB_STATEMENT_TIMEOUT_MS: '300' } });
  const linked = await h.request('POST', '/api/accounts', {
    platform: 'bluesky',
    credentials: { sandbox: true },
  });
  expect(linked.status).toBe(200);
  operator = new pg.Client({ connectionString: h.databaseUrl });
  await operator.connect();
});

afterAll(async () => {
  await operator.end();
  await h.stop();
});

/** Holds `lock` in an open transaction of another connection while `during` runs. */
async function whileLocked<T>(lock: string, during: () => Promise<T>): Promise<T> {
  await operator.query('BEGIN');
  try {
    await operator.query(lock);
    return await during();
  } finally {
    await operator.query('ROLLBACK');
  }
}

describe('a statement that waits past HERALD_DB_STATEMENT_TIMEOUT_MS', () => {
  it('a post whose table is locked is refused 649, stores nothing, and goes through once the lock is gone', async () => {
    const body = { post: 'held up', platforms: ['bluesky'], scheduleDate: '2099-01-01T00:00:00Z' };
    const refused = await whileLocked('LOCK TABLE posts IN ACCESS EXCLUSIVE MODE', () =>
      h.request('POST', '/api/post', body),
    );
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ status: 'error', code: 649 });
    expect(await h.count('posts')).toBe(0);
    expect(await h.count('targets')).toBe(0);

    const accepted = await h.request('POST', '/api/post', body);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('scheduled');
    expect(await h.count('posts')).toBe(1);
  });

  it('an edit that waits for a post row held FOR UPDATE is refused 649 and leaves the post as it was', async () => {
    const made = await h.request('POST', '/api/post', {
      post: 'before',
      platforms: ['bluesky'],
      scheduleDate: '2099-01-02T00:00:00Z',
    });
    const id = made.body.id as string;
    const refused = await whileLocked(`SELECT 1 FROM posts WHERE id = '${id}' FOR UPDATE`, () =>
      h.request('PATCH', '/api/post', { id, post: 'after' }),
    );
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ status: 'error', code: 649 });
    const { rows } = await operator.query<{ text: string }>('SELECT text FROM posts WHERE id = $1', [id]);
    expect(rows[0]?.text).toBe('before');

    const edited = await h.request('PATCH', '/api/post', { id, post: 'after' });
    expect(edited.status).toBe(200);
    const { rows: after } = await operator.query<{ text: string }>('SELECT text FROM posts WHERE id = $1', [
      id,
    ]);
    expect(after[0]?.text).toBe('after');
  });

  it('each connection of the pool carries the timeout; 0 sets none', async () => {
    const { rows } = await h.herald.app.pool.query<{ statement_timeout: string }>('SHOW statement_timeout');
    expect(rows[0]?.statement_timeout).toBe('300ms');
    const none = await startTestHerald({ env: { HERALD_DB_STATEMENT_TIMEOUT_MS: '0' }, role: 'api' });
    try {
      const { rows: unset } = await none.herald.app.pool.query<{ statement_timeout: string }>(
        'SHOW statement_timeout',
      );
      expect(unset[0]?.statement_timeout).toBe('0');
    } finally {
      await none.stop();
    }
  });
});
