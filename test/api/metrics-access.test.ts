import { afterEach, describe, expect, it } from 'vitest';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const TOKEN = 'metrics-token-0123456789';

describe('GET /metrics', () => {
  it('answers without a key by default (Prometheus convention)', async () => {
    t = await startTestHerald();
    const res = await t.herald.server!.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('herald_http_requests_total');
  });

  it('with HERALD_METRICS_TOKEN wants that bearer token: none → 102, wrong → 601, right → the metrics', async () => {
    t = await startTestHerald({ env: { HERALD_METRICS_TOKEN: TOKEN } });
    const none = await t.herald.server!.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 102 });
    const wrong = await t.herald.server!.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 601 });
    const right = await t.herald.server!.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('herald_http_requests_total');
  });

  it('with HERALD_METRICS_PORT is served on that port only, not on the API', async () => {
    t = await startTestHerald({ env: { HERALD_METRICS_PORT: '0', HERALD_METRICS_TOKEN: TOKEN } });
    const onApi = await t.herald.server!.inject({ method: 'GET', url: '/metrics' });
    expect(onApi.statusCode).toBe(404);
    expect(onApi.json()).toMatchObject({ code: 611 });
    const url = t.herald.metricsUrl;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const res = await fetch(url as string, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('herald_jobs_total');
  });
});
