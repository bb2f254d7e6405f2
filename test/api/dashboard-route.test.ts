import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * GET /app and /app/assets/:file: the dashboard's page and its two files, public (the
 * page asks for the key and sends it itself), from Herald alone (no CDN), under a CSP
 * that lets the page load and call nothing but Herald. The API it calls still refuses a
 * call without a key.
 */

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
});
afterAll(async () => {
  await t?.stop();
});

async function get(url: string) {
  if (!t.herald.server) throw new Error('no API role');
  return t.herald.server.inject({ method: 'GET', url });
}

describe('the dashboard route', () => {
  it.each(['/app', '/app/'])(
    '%s answers the page without a key, locked to Herald by its CSP',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      // Everything the page loads is Herald's own.
      const loads = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(loads.sort()).toEqual(['/app/assets/app.css', '/app/assets/app.js']);
    },
  );

  it.each([
    ['app.js', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s', async (file, type) => {
    const res = await get(`/app/assets/${file}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.length).toBeGreaterThan(1000);
  });

  it('answers 607 for any other file (no path walks out of the build)', async () => {
    for (const file of ['index.html', '..%2Fbuild.ts', 'nope.js']) {
      const res = await get(`/app/assets/${file}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe(607);
    }
  });

  it('the API the page calls refuses it without a key (102) and with a wrong one (601)', async () => {
    expect((await t.request('GET', '/api/user', undefined, { authorization: '' })).body.code).toBe(102);
    expect((await t.request('GET', '/api/user', undefined, { authorization: 'Bearer nope' })).body.code).toBe(
      601,
    );
  });
});
