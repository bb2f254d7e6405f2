import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecrets } from '../../src/app/request-secrets.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
  await linkSandbox(t, ['twitter', 'facebook']);
});
afterAll(() => t.stop());

const X_HEADERS = {
  'x-twitter-oauth1-api-key': 'CONSUMER-KEY-abc',
  'x-twitter-oauth1-api-secret': 'CONSUMER-SECRET-xyz',
};

async function everyRow(): Promise<string> {
  let dump = '';
  for (const table of ['posts', 'targets', 'attempts', 'accounts', 'graphile_worker._private_jobs']) {
    dump += JSON.stringify((await t.herald.app.pool.query(`SELECT * FROM ${table}`)).rows);
  }
  return dump;
}

describe('request-scoped secrets (X BYO keys)', () => {
  it('live only sealed with the X target’s pending job, never in plain text, and never with other networks’ jobs', async () => {
    const scheduleDate = new Date(Date.now() + 3_600_000).toISOString();
    const res = await t.request(
      'POST',
      '/api/post',
      { post: 'later', platforms: ['twitter', 'facebook'], scheduleDate },
      X_HEADERS,
    );
    expect(res.status).toBe(200);
    const dump = await everyRow();
    expect(dump).not.toContain('CONSUMER-KEY-abc');
    expect(dump).not.toContain('CONSUMER-SECRET-xyz');

    // The job waits on its target until due (the scheduler then moves the secrets into it).
    const { rows } = await t.herald.app.pool.query<{ platform: string; job_secrets: string | null }>(
      'SELECT platform, job_secrets FROM targets WHERE post_id = $1 ORDER BY platform',
      [res.body.id],
    );
    expect(rows.map((r) => r.platform)).toEqual(['facebook', 'twitter']);
    expect(rows[0]?.job_secrets).toBeNull();
    expect(openSecrets(t.herald.app.secretKey, rows[1]?.job_secrets ?? undefined)).toEqual(X_HEADERS);

    await t.request('DELETE', '/api/post', { id: res.body.id });
    const after = await t.herald.app.pool.query(
      `SELECT 1 FROM targets t WHERE t.post_id = $1
         AND (t.job_secrets IS NOT NULL
              OR EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.key = 'target:' || t.id))`,
      [res.body.id],
    );
    expect(after.rowCount).toBe(0);
  });

  it('an immediate post leaves no trace of them once published', async () => {
    const res = await t.request('POST', '/api/post', { post: 'now', platforms: ['twitter'] }, X_HEADERS);
    expect(res.status).toBe(200);
    const dump = await everyRow();
    expect(dump).not.toContain('CONSUMER-KEY-abc');
    // The engine deletes the job row when its handler returns, just after the answer: wait for it.
    const jobRows = () =>
      t.herald.app.pool.query(
        "SELECT 1 FROM graphile_worker._private_jobs j JOIN targets t ON j.key = 'target:' || t.id WHERE t.post_id = $1",
        [res.body.id],
      );
    let jobs = await jobRows();
    for (let i = 0; i < 100 && (jobs.rowCount ?? 0) > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      jobs = await jobRows();
    }
    expect(jobs.rowCount).toBe(0);
  });
});
