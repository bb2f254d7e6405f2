import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CATALOG } from '../../src/errors/catalog/index.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
  await linkSandbox(t, ['facebook']);
  await t.request('POST', '/api/post', { post: 'metrics', platforms: ['facebook'] });
});
afterAll(() => t.stop());

describe('operations endpoints', () => {
  it('/healthz and /readyz', async () => {
    expect((await t.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.request('GET', '/readyz')).body).toEqual({
      status: 'ready',
      checks: { database: 'ok', notifications: 'listening', worker: 'running' },
    });
  });

  it('/metrics exposes requests, jobs and targets by state and network', async () => {
    // The job counter moves when the job returns, just after the post answered: wait for it.
    let res = await t.herald.server!.inject({ method: 'GET', url: '/metrics' });
    for (let i = 0; i < 50 && !res.body.includes('herald_jobs_total{task="publish_target"'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      res = await t.herald.server!.inject({ method: 'GET', url: '/metrics' });
    }
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('herald_http_requests_total{method="POST",route="/api/post",status="200"}');
    expect(res.body).toContain('herald_targets{platform="facebook",state="published"} 1');
    expect(res.body).toMatch(/herald_jobs_total\{task="publish_target",outcome="ok"\} \d/);
    expect(res.body).toContain('herald_publish_attempts_total{platform="facebook",outcome="published"} 1');
  });

  it('/openapi.json documents every endpoint from the route schemas', async () => {
    const spec = (await t.herald.server!.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ['/api/post', 'post'],
      ['/api/post', 'delete'],
      ['/api/post/retry', 'put'],
      ['/api/post', 'patch'],
      ['/api/post', 'put'],
      ['/api/auto-schedule/set', 'post'],
      ['/api/auto-schedule/list', 'get'],
      ['/api/auto-schedule/delete', 'delete'],
      ['/api/post/{id}', 'get'],
      ['/api/history', 'get'],
      ['/api/accounts', 'post'],
      ['/api/profiles', 'post'],
      ['/api/profiles/social', 'delete'],
      ['/api/user', 'get'],
      ['/api/errors', 'get'],
    ] as const) {
      expect(spec.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(JSON.stringify(spec.paths['/api/post']?.post?.requestBody)).toContain('idempotencyKey');
  });

  it('GET /api/errors is the catalog: every code with status, message, flags and remedy', async () => {
    const res = await t.request('GET', '/api/errors');
    const errors = res.body.errors as { code: number; httpStatus: number; message: string; remedy: string }[];
    expect(errors.map((e) => e.code)).toEqual(CATALOG.map((e) => e.code));
    for (const entry of CATALOG) {
      const listed = errors.find((e) => e.code === entry.code);
      expect(listed).toMatchObject({
        httpStatus: entry.http,
        message: entry.variants.default.message,
        remedy: entry.remedy,
      });
    }
    expect(errors.find((e) => e.code === 435)).toMatchObject({
      httpStatus: 429,
      message: 'Instagram rate limit reached. Please wait before retrying your post.',
    });
  });
});

describe('roles', () => {
  it('an API-only process and a worker-only process on one database serve a post together', async () => {
    const api = await startTestHerald({ role: 'api', databaseUrl: t.databaseUrl });
    const worker = await startTestHerald({ role: 'worker', databaseUrl: t.databaseUrl });
    await t.stop();
    try {
      const res = await api.request('POST', '/api/post', { post: 'split roles', platforms: ['facebook'] });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('success');
    } finally {
      await api.stop();
      await worker.stop();
    }
    t = await startTestHerald({ databaseUrl: t.databaseUrl });
  });
});

describe('graceful shutdown', () => {
  it('a target being sent when SIGTERM arrives finishes instead of being lost', async () => {
    const other = await startTestHerald({ databaseUrl: t.databaseUrl, env: { HERALD_POST_WAIT_MS: '100' } });
    await t.stop();
    const res = await other.request('POST', '/api/post', {
      post: 'in flight #sandbox-delay-800',
      platforms: ['facebook'],
    });
    expect(res.body.status).toMatch(/pending|processing/);
    // Being sent (claimed, 0.8 s at the simulated network) when the stop begins: on a busy
    // machine the 100 ms answer can come before the worker has even claimed it.
    await vi.waitFor(
      async () => {
        const { rows } = await other.herald.app.pool.query<{ state: string }>(
          'SELECT state FROM targets WHERE post_id = $1',
          [res.body.id],
        );
        expect(rows[0]?.state).toBe('sending');
      },
      { timeout: 10_000, interval: 10 },
    );
    await other.stop();
    t = await startTestHerald({ databaseUrl: t.databaseUrl, role: 'api' });
    const view = await t.request('GET', `/api/post/${res.body.id}`);
    expect(view.body.status).toBe('success');
    expect(view.body.targets).toEqual([{ platform: 'facebook', state: 'published', attempts: 1 }]);
  });

  it('a draining API refuses new posts with 618', async () => {
    t.herald.app.draining.value = true;
    const res = await t.request('POST', '/api/post', { post: 'late', platforms: ['facebook'] });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(618);
    expect((await t.request('GET', '/readyz')).status).toBe(503);
    t.herald.app.draining.value = false;
  });
});
