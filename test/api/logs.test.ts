import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, startTestHerald, type TestHerald } from '../helpers/herald.ts';

const lines: string[] = [];
let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald({ logTo: (line) => lines.push(line) });
});
afterAll(() => t.stop());

describe('logs', () => {
  it('are structured JSON and hold no secret, even at debug level', async () => {
    const profileKey = (await t.request('POST', '/api/profiles', { title: 'Logged' })).body
      .profileKey as string;
    const h = { 'profile-key': profileKey };
    await t.request('POST', '/api/accounts', { platform: 'facebook', credentials: { sandbox: true } }, h);
    await t.request(
      'POST',
      '/api/post',
      { post: 'logged post', platforms: ['facebook'] },
      {
        ...h,
        'x-twitter-oauth1-api-key': 'XKEY-should-not-leak',
        'x-twitter-oauth1-api-secret': 'XSECRET-should-not-leak',
      },
    );
    await t.request('POST', '/api/accounts', {
      platform: 'bluesky',
      credentials: {
        identifier: 'a.test',
        appPassword: 'app-password-should-not-leak',
        service: 'http://127.0.0.1:9',
      },
    });
    await t.request('GET', '/api/user', undefined, { authorization: 'Bearer wrong-key-should-not-leak' });

    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = lines.join('\n');
    expect(all).toContain('"route":"/api/post"');
    for (const secret of [
      API_KEY,
      profileKey,
      'XKEY-should',
      'XSECRET-should',
      'app-password-should',
      'wrong-key-should',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
