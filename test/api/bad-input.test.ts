import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald({ env: { HERALD_BODY_LIMIT_BYTES: '4096' } });
  await linkSandbox(t, ['facebook']);
});
afterAll(() => t.stop());

const json = { 'content-type': 'application/json' };

/** Each bad request: HTTP 4xx, a catalog code, a message that says what to fix, nothing stored. */
const CASES: {
  name: string;
  body: unknown;
  headers?: Record<string, string>;
  status: number;
  code: number;
  says: RegExp;
}[] = [
  {
    name: 'malformed JSON',
    body: '{"post": "x", ',
    headers: json,
    status: 400,
    code: 603,
    says: /not valid JSON/,
  },
  { name: 'empty JSON body', body: '', headers: json, status: 400, code: 603, says: /not valid JSON/ },
  {
    name: 'missing post',
    body: { platforms: ['facebook'] },
    status: 400,
    code: 604,
    says: /post is required/,
  },
  { name: 'missing platforms', body: { post: 'x' }, status: 400, code: 604, says: /platforms is required/ },
  {
    name: 'post of the wrong type',
    body: { post: 42, platforms: ['facebook'] },
    status: 400,
    code: 604,
    says: /post must be string/,
  },
  {
    name: 'platforms of the wrong type',
    body: { post: 'x', platforms: 'facebook' },
    status: 400,
    code: 604,
    says: /platforms/,
  },
  { name: 'empty platforms', body: { post: 'x', platforms: [] }, status: 400, code: 604, says: /platforms/ },
  {
    name: 'unknown platform',
    body: { post: 'x', platforms: ['facebook', 'myspace'] },
    status: 400,
    code: 605,
    says: /Unknown platform "myspace"/,
  },
  {
    name: 'huge platforms array',
    body: { post: 'x', platforms: Array.from({ length: 200 }, () => 'facebook') },
    status: 400,
    code: 604,
    says: /platforms must NOT have more than 15 items/,
  },
  {
    name: 'a mediaUrl that is not http(s)',
    body: { post: 'x', platforms: ['facebook'], mediaUrls: ['file:///etc/passwd'] },
    status: 400,
    code: 604,
    says: /mediaUrls\.0/,
  },
  {
    name: 'isVideo of the wrong type',
    body: { post: 'x', platforms: ['facebook'], isVideo: 'yes' },
    status: 400,
    code: 604,
    says: /isVideo must be boolean/,
  },
  {
    name: 'an Ayrshare field that asks for a feature Herald lacks',
    body: { post: 'x', platforms: ['facebook'], autoRepost: { repeat: 2, days: 3 } },
    status: 400,
    code: 604,
    says: /autoRepost asks for a feature Herald does not offer/,
  },
  {
    name: 'an unknown field (a typo)',
    body: { post: 'x', platforms: ['facebook'], scheduledDate: '2030-01-01T00:00:00Z' },
    status: 400,
    code: 631,
    says: /The field "scheduledDate" is not part of this request/,
  },
  {
    name: 'an unknown field inside firstComment',
    body: { post: 'x', platforms: ['facebook'], firstComment: { comment: 'hi', pinned: true } },
    status: 400,
    code: 631,
    says: /"firstComment\.pinned"/,
  },
  {
    name: 'a network Ayrshare knows and Herald does not offer',
    body: { post: 'x', platforms: ['fbg'] },
    status: 400,
    code: 604,
    says: /fbg \(Facebook Groups\) is not a network Herald publishes to/,
  },
  {
    name: 'body over the size cap',
    body: { post: 'x'.repeat(10_000), platforms: ['facebook'] },
    status: 413,
    code: 606,
    says: /larger than 4096 bytes/,
  },
  {
    name: 'unknown profile key',
    body: { post: 'x', platforms: ['facebook'] },
    headers: { 'profile-key': 'AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD' },
    status: 403,
    code: 602,
    says: /Profile-Key/,
  },
  {
    name: 'not JSON at all',
    body: 'post=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 400,
    code: 604,
    says: /application\/json/,
  },
];

describe('bad input to POST /api/post', () => {
  it.each(CASES)('$name → $status / $code, nothing stored', async ({ body, headers, status, code, says }) => {
    const before = { posts: await t.count('posts'), targets: await t.count('targets') };
    const res = await t.request('POST', '/api/post', body, headers);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ status: 'error', code });
    expect(res.body.message).toMatch(says);
    expect(res.body).not.toHaveProperty('stack');
    expect({ posts: await t.count('posts'), targets: await t.count('targets') }).toEqual(before);
  });
});

describe('other endpoints refuse bad input the same way', () => {
  it('an unknown route is 611 (404)', async () => {
    const res = await t.request('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      code: 611,
      message: 'No endpoint GET /api/nope. See /openapi.json for the API.',
    });
  });

  it('linking an unknown platform is 605 and stores nothing', async () => {
    const before = await t.count('accounts');
    const res = await t.request('POST', '/api/accounts', {
      platform: 'myspace',
      credentials: { sandbox: true },
    });
    expect(res.body.code).toBe(605);
    expect(await t.count('accounts')).toBe(before);
  });

  it('a history query of the wrong type is 604', async () => {
    const res = await t.request('GET', '/api/history?limit=abc');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(604);
    expect(res.body.message).toMatch(/query\.limit must match pattern/);
  });
});
