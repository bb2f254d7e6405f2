import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogAnswerProblems } from '../helpers/catalog-form.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { stateFingerprint } from '../helpers/state-fingerprint.ts';

/**
 * Issue 10, findings 6 and 7: input PostgreSQL cannot store is refused at the boundary
 * (400/604 naming where it was), never a 500; and every refusal, Fastify's router's and
 * Node's HTTP parser's included, is a catalog body with the catalog's HTTP status.
 */

let t: TestHerald;
let origin: URL;
beforeAll(async () => {
  t = await startTestHerald({ listen: true, role: 'api' });
  origin = new URL(t.herald.url as string);
  await linkSandbox(t, ['facebook']);
});
afterAll(() => t.stop());

const NUL = '\u0000';

const UNSTORABLE: {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  says: string;
}[] = [
  { name: 'NUL in a path parameter', method: 'GET', url: '/api/post/abc%00', says: 'path.id contains a NUL' },
  { name: 'NUL in a public path', method: 'GET', url: '/s/%00x', says: 'path.id contains a NUL' },
  {
    name: 'NUL in a query parameter',
    method: 'GET',
    url: '/api/history/abc?next=a%00b',
    says: 'query.next contains a NUL',
  },
  {
    name: 'NUL in the post text',
    method: 'POST',
    url: '/api/post',
    body: { post: `a${NUL}b`, platforms: ['facebook'] },
    says: 'post contains a NUL',
  },
  {
    name: 'NUL in the idempotency key',
    method: 'POST',
    url: '/api/post',
    body: { post: 'ab', platforms: ['facebook'], idempotencyKey: `k${NUL}` },
    says: 'idempotencyKey contains a NUL',
  },
  {
    name: 'NUL deep in the body',
    method: 'POST',
    url: '/api/post',
    body: { post: 'ab', platforms: ['facebook'], firstComment: { comment: `x${NUL}` } },
    says: 'firstComment.comment contains a NUL',
  },
  {
    name: 'NUL in an array item',
    method: 'POST',
    url: '/api/post',
    body: { post: 'ab', platforms: ['facebook', `x${NUL}`] },
    says: 'platforms.1 contains a NUL',
  },
  {
    name: 'NUL in a field name',
    method: 'POST',
    url: '/api/profiles',
    body: { title: 'x', [`a${NUL}`]: 1 },
    says: 'the field name a\\u0000 contains a NUL',
  },
  {
    name: 'NUL in the Profile-Key header',
    method: 'GET',
    url: '/api/user',
    headers: { 'profile-key': `A${NUL}B` },
    says: 'the profile-key header contains a NUL',
  },
  {
    name: 'NUL in the User-Agent of a short link click',
    method: 'GET',
    url: '/s/abc',
    headers: { 'user-agent': `bot${NUL}` },
    says: 'the user-agent header contains a NUL',
  },
  {
    name: 'a lone surrogate in a stored note',
    method: 'POST',
    url: '/api/post',
    body: { post: 'ab', platforms: ['facebook'], notes: 'a\ud800b' },
    says: 'notes is not valid Unicode',
  },
  {
    name: 'a body nested too deep for validation',
    method: 'POST',
    url: '/api/post',
    // Sent as text: the test client cannot serialise it either.
    body: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
    headers: { 'content-type': 'application/json' },
    says: 'is nested deeper than 64 levels',
  },
];

describe('text PostgreSQL cannot store is refused at the boundary (finding 6)', () => {
  it.each(UNSTORABLE)(
    '$name → 400/604 naming it, nothing changed',
    async ({ method, url, body, headers, says }) => {
      const before = await stateFingerprint(t.herald.app.pool);
      const res = await t.request(method, url, body, headers);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 604 });
      expect(res.body.message).toContain(says);
      expect(catalogAnswerProblems(res.status, res.body)).toEqual([]);
      expect(await stateFingerprint(t.herald.app.pool)).toEqual(before);
    },
  );

  it('a body without NUL is untouched by the check', async () => {
    const res = await t.request('POST', '/api/validate/post', {
      post: 'a\\u0000 is fine as text',
      platforms: ['facebook'],
    });
    expect(res.status).toBe(200);
  });
});

describe('Fastify’s own refusals in catalog form (finding 7)', () => {
  const CASES: {
    name: string;
    url: string;
    method?: 'GET' | 'POST';
    payload?: string;
    headers?: Record<string, string>;
    status: number;
    code: number;
  }[] = [
    { name: 'a malformed %-escape (FST_ERR_BAD_URL)', url: '/api/history/%zz', status: 400, code: 604 },
    {
      name: 'a path parameter over 100 characters (FST_ERR_MAX_PARAM_LENGTH)',
      url: `/api/post/${'a'.repeat(101)}`,
      status: 414,
      code: 634,
    },
    {
      name: 'a body shorter than its Content-Length (FST_ERR_CTP_INVALID_CONTENT_LENGTH)',
      url: '/api/post',
      method: 'POST',
      payload: '{"post":"x","platforms":["facebook"]}',
      headers: { 'content-type': 'application/json', 'content-length': '3' },
      status: 400,
      code: 604,
    },
    {
      name: 'a body that is not JSON (415 in Fastify)',
      url: '/api/post',
      method: 'POST',
      payload: 'x',
      headers: { 'content-type': 'text/plain' },
      status: 400,
      code: 604,
    },
    {
      name: 'a method no route has (405 elsewhere)',
      url: '/api/user',
      method: 'PROPFIND' as 'GET',
      status: 404,
      code: 611,
    },
  ];
  it.each(CASES)('$name → $status/$code', async ({ url, method, payload, headers, status, code }) => {
    const res = await t.herald.server!.inject({
      method: method ?? 'GET',
      url,
      headers: { authorization: `Bearer ${API_KEY}`, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.code).toBe(code);
    expect(catalogAnswerProblems(res.statusCode, body)).toEqual([]);
  });
});

/** Sends raw bytes to the listening Herald and reads the answer until it closes the connection. */
function raw(request: string | Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(origin.port), origin.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {
      // Herald closes the connection after its answer; a reset after it changes nothing.
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      if (status === 0) reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      else resolve({ status, headers: head, body });
    });
    socket.write(request);
  });
}

describe('Node’s HTTP parser refusals in catalog form (finding 7)', () => {
  const head = (lines: string[]) =>
    `${['GET /api/user HTTP/1.1', `Host: ${origin.host}`, `Authorization: Bearer ${API_KEY}`, ...lines].join('\r\n')}\r\n\r\n`;

  it('a control character in a header value → 400/604', async () => {
    const res = await raw(head(['Profile-Key: abc\u0001def']));
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ code: 604 });
    expect(body.message).toContain('a header name or value holds a character HTTP does not allow');
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expect(catalogAnswerProblems(res.status, body)).toEqual([]);
  });

  it('headers larger than Node reads → 431/635', async () => {
    const res = await raw(head([`X-Big: ${'a'.repeat(20_000)}`]));
    expect(res.status).toBe(431);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({
      code: 635,
      message: 'The request line and headers are larger than 16384 bytes.',
    });
    expect(catalogAnswerProblems(res.status, body)).toEqual([]);
  });

  it('a request line that is not HTTP → 400/604', async () => {
    const res = await raw('HELLO\r\n\r\n');
    expect(res.status).toBe(400);
    expect(catalogAnswerProblems(res.status, JSON.parse(res.body))).toEqual([]);
  });

  it('a valid request on the same socket machinery still answers normally', async () => {
    const res = await raw(head(['Connection: close']));
    expect(res.status).toBe(200);
  });
});

describe('a multipart body the parser cannot read (found by the fuzz)', () => {
  it.each([
    ['a body that is not multipart at all', '{}'],
    [
      'a part whose boundary never closes',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc',
    ],
  ])('%s → 400/604, nothing stored', async (_name, payload) => {
    const before = await stateFingerprint(t.herald.app.pool);
    const res = await t.herald.server!.inject({
      method: 'POST',
      url: '/api/upload',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'multipart/form-data; boundary=x' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 604,
      message: 'The request is not valid: the multipart/form-data body is malformed or cut short.',
    });
    expect(catalogAnswerProblems(res.statusCode, res.json())).toEqual([]);
    expect(await stateFingerprint(t.herald.app.pool)).toEqual(before);
  });
});
