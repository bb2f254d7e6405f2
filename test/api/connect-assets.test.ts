import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
});
afterAll(() => t.stop());

describe('GET /connect/assets/:file', () => {
  it('serves its own files', async () => {
    const res = await t.herald.server!.inject({ method: 'GET', url: '/connect/assets/connect.css' });
    expect(res.statusCode).toBe(200);
  });

  // Found by the fuzz: a name of Object.prototype's answered 500.
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nothing.js'])(
    '%s is not a file: 404 (607)',
    async (file) => {
      const res = await t.herald.server!.inject({ method: 'GET', url: `/connect/assets/${file}` });
      expect(res.statusCode).toBe(404);
      // The connect pages answer people: the catalog's 607 as an HTML page.
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('This file was not found');
    },
  );
});
