import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/bootstrap.ts';
import { revokeApiKey } from '../../src/db/api-keys.ts';
import type { Resolver } from '../../src/media/url-decision.ts';
import { catalogAnswerProblems } from '../helpers/catalog-form.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Issue 10, the authorization matrix: every authenticated operation of /openapi.json ×
 * {no key, wrong key, revoked key, another profile's key, two profile indications that
 * disagree}. Tenant A owns a published post, a comment, a short link, an auto-schedule,
 * a webhook and its delivery; tenant B then calls every operation naming A's ids (path,
 * query, body). 0 leaks: nothing of A's in any answer, none of A's rows changed (a
 * digest of every row A owns, directly or through its posts, targets, links and
 * events), and every refusal a catalog body with the catalog's status.
 */

const nowhere: Resolver = async (name) => {
  throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Operation {
  method: Method;
  path: string;
  query: string[];
  body: string[];
}

/** The routes that answer without an API key (the connect page has its own session). */
const PUBLIC = [
  'GET /api/errors',
  'GET /media/{file}',
  // A single-use signed PUT: its token authenticates it (src/http/routes/media-signed-put.ts).
  'PUT /media/upload/{token}',
  'GET /s/{id}',
  'POST /api/webhooks/tiktok',
  // Probes and crawlers' files: nothing of a profile in them.
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /robots.txt',
  // The hosted linking pages (HTML for a browser): their session in the path is their credential.
  'GET /connect',
  'GET /connect/assets/{file}',
  'GET /connect/callback/{platform}',
  'GET /connect/{sessionId}',
  'GET /connect/{sessionId}/choose/{flowId}',
  'POST /connect/{sessionId}/choose/{flowId}',
  'POST /connect/{sessionId}/start/{platform}',
  'POST /connect/{sessionId}/unlink/{platform}',
];

/** The MCP transport's JSON-RPC error objects (its protocol's form, as the MCP spec asks). */
function isJsonRpcAnswer(path: string, body: unknown): boolean {
  return path === '/mcp' && (body as { jsonrpc?: unknown } | null)?.jsonrpc === '2.0';
}

const A = {
  title: 'Tenant A',
  text: 'tenant-a-private-text-7f3c',
  schedule: 'tenant-a-schedule',
  hook: 'https://tenant-a-hooks.invalid/receive',
  linkTarget: 'https://tenant-a.example/landing-7f3c',
  comment: 'tenant-a-comment-7f3c',
};
let keyA = '';
let keyB = '';
let profileIdA = '';
const ids = { post: '', comment: '', link: '', delivery: '' };
let revokedKey = '';
let operations: Operation[] = [];
let t: TestHerald;

/** Every row tenant A owns, directly or through its posts, targets, links and events, as one digest. */
async function digestOfA(): Promise<string> {
  const pool = t.herald.app.pool;
  const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name IN ('profile_id', 'post_id', 'target_id', 'event_id', 'link_id')`,
  );
  const owned: Record<string, string> = {
    profile_id: '$1',
    post_id: 'SELECT id FROM posts WHERE profile_id = $1',
    target_id: 'SELECT t.id FROM targets t JOIN posts p ON p.id = t.post_id WHERE p.profile_id = $1',
    event_id: 'SELECT id FROM webhook_events WHERE profile_id = $1',
    link_id: 'SELECT id FROM links WHERE profile_id = $1',
  };
  const byTable = new Map<string, string>();
  for (const c of columns) {
    // The most direct owner column decides (profile_id before post_id before target_id...).
    const order = Object.keys(owned);
    const current = byTable.get(c.table_name);
    if (!current || order.indexOf(c.column_name) < order.indexOf(current))
      byTable.set(c.table_name, c.column_name);
  }
  const parts = [...byTable].map(
    ([table, column]) =>
      `SELECT '${table}' AS name, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest
         FROM ${table} x WHERE x.${column} IN (${owned[column]})`,
  );
  parts.push(`SELECT 'profiles', md5(x::text) FROM profiles x WHERE x.id = $1`);
  const { rows } = await pool.query<{ name: string; digest: string }>(parts.join(' UNION ALL '), [
    profileIdA,
  ]);
  return rows
    .map((r) => `${r.name}:${r.digest}`)
    .sort()
    .join(',');
}

beforeAll(async () => {
  // Tenant A's data is made with a worker (the post is published, the webhook attempted)...
  const setup = await startTestHerald({ resolve: nowhere });
  const created = async (title: string) => {
    const res = await setup.request('POST', '/api/profiles', { title });
    return res.body.profileKey as string;
  };
  keyA = await created(A.title);
  keyB = await created('Tenant B');
  const asA = { 'profile-key': keyA };
  expect(
    (await setup.request('POST', '/api/hook/webhook', { action: 'social', url: A.hook }, asA)).status,
  ).toBe(200);
  await linkSandbox(setup, ['facebook', 'bluesky'], asA);
  await linkSandbox(setup, ['facebook'], { 'profile-key': keyB });
  const post = await setup.request(
    'POST',
    '/api/post',
    { post: A.text, platforms: ['facebook', 'bluesky'] },
    asA,
  );
  expect(post.body.status).toBe('success');
  ids.post = post.body.id as string;
  const comment = await setup.request(
    'POST',
    '/api/comments',
    { id: ids.post, comment: A.comment, platforms: ['facebook'] },
    asA,
  );
  expect(comment.status).toBe(200);
  ids.comment = String(
    (comment.body.facebook as { commentId?: string } | undefined)?.commentId ?? comment.body.commentId ?? '',
  );
  const link = await setup.request('POST', '/api/links', { url: A.linkTarget }, asA);
  ids.link = link.body.id as string;
  expect(
    (await setup.request('POST', '/api/auto-schedule/set', { schedule: ['13:05Z'], title: A.schedule }, asA))
      .status,
  ).toBe(200);
  const deliveries = await setup.request('GET', '/api/hook/deliveries', undefined, asA);
  ids.delivery = (deliveries.body.deliveries as { id: string }[])[0]?.id ?? '';
  expect(ids.delivery).not.toBe('');
  const { rows } = await setup.herald.app.pool.query<{ id: string }>(
    'SELECT id FROM profiles WHERE title = $1',
    [A.title],
  );
  profileIdA = rows[0]?.id ?? '';
  revokedKey = await createApiKey(setup.herald.app.pool, 'revoked');
  await revokeApiKey(setup.herald.app.pool, revokedKey.slice(0, 7));
  await setup.stop();
  // ...and checked against the API alone on the same database: nothing else writes meanwhile.
  t = await startTestHerald({ role: 'api', databaseUrl: setup.databaseUrl, resolve: nowhere });

  const spec = (await t.herald.server!.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string }[];
          requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
        }
      >
    >;
  };
  // A HEAD answer has no body (HTTP), so no catalog code to check: the tus upload's other
  // methods (PATCH, DELETE) are in the matrix with the same authentication.
  operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => method !== 'head')
      .map(([method, op]) => ({
        method: method.toUpperCase() as Method,
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
      })),
  );
}, 180_000);
afterAll(() => t?.stop());

/** Tenant A's things, by the names routes give them. */
function valueFor(op: Operation, field: string): unknown {
  const profiles = op.path.startsWith('/api/profiles');
  const values: Record<string, unknown> = {
    id: op.path === '/mcp' ? 1 : op.path.startsWith('/api/links') ? ids.link : ids.post,
    // /mcp takes JSON-RPC messages: a request for the tool list.
    jsonrpc: '2.0',
    method: 'tools/list',
    idOrPlatform: ids.post,
    postIds: [ids.post],
    commentId: ids.comment,
    title: profiles ? A.title : A.schedule,
    post: 'matrix',
    text: 'matrix',
    comment: 'matrix',
    platforms: ['facebook'],
    platform: 'facebook',
    action: 'social',
    url: op.path.startsWith('/api/hook')
      ? A.hook
      : op.path.startsWith('/api/media')
        ? 'https://media.invalid/a.jpg'
        : A.linkTarget,
    mediaUrl: 'https://media.invalid/a.jpg',
    fileName: 'matrix.jpg',
    schedule: ['13:05Z'],
    credentials: { sandbox: true },
  };
  return values[field];
}

/** Query fields filled in for a GET (the others are left out: lists answer all of B's). */
const QUERY_FIELDS = new Set(['id', 'url', 'fileName']);

function requestFor(op: Operation): { url: string; body?: Record<string, unknown> } {
  const path = op.path
    .replace(
      '{id}',
      op.path.includes('deliveries') ? ids.delivery : op.path.startsWith('/api/links') ? ids.link : ids.post,
    )
    .replace('{idOrPlatform}', ids.post);
  const query =
    op.method === 'GET'
      ? op.query.filter((name) => QUERY_FIELDS.has(name) && valueFor(op, name) !== undefined)
      : [];
  const url = query.length
    ? `${path}?${query.map((n) => `${n}=${encodeURIComponent(String(valueFor(op, n)))}`).join('&')}`
    : path;
  if (op.method === 'GET') return { url };
  const body = Object.fromEntries(
    op.body.flatMap((field) => {
      const value = valueFor(op, field);
      return value === undefined ? [] : [[field, value]];
    }),
  );
  return { url, body };
}

async function send(
  op: Operation,
  headers: Record<string, string | undefined>,
  extra: { body?: Record<string, unknown>; query?: string } = {},
) {
  const { url, body } = requestFor(op);
  const fullBody = body === undefined ? undefined : { ...body, ...extra.body };
  const withQuery = extra.query ? `${url}${url.includes('?') ? '&' : '?'}${extra.query}` : url;
  const res = await t.herald.server!.inject({
    method: op.method,
    url: withQuery,
    headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >,
    ...(fullBody === undefined ? {} : { payload: fullBody }),
  });
  let parsed: unknown = res.body;
  try {
    parsed = JSON.parse(res.body);
  } catch {}
  return { status: res.statusCode, body: parsed, text: res.body };
}

const authenticated = () => operations.filter((op) => !PUBLIC.includes(`${op.method} ${op.path}`));
const label = (op: Operation) => `${op.method} ${op.path}`;

describe('the authorization matrix', () => {
  it('knows every route: the public ones are exactly those that answer without a key', async () => {
    const open: string[] = [];
    for (const op of operations) {
      const res = await send(op, {});
      if (!(res.status === 403 && (res.body as { code?: number }).code === 102)) open.push(label(op));
    }
    expect(open.sort()).toEqual([...PUBLIC].sort());
    expect(authenticated().length).toBeGreaterThan(40);
  });

  const KEYS: [string, number, number, () => Record<string, string | undefined>][] = [
    ['no key', 403, 102, () => ({})],
    ['an empty key', 401, 601, () => ({ authorization: 'Bearer ' })],
    ['a wrong key', 401, 601, () => ({ authorization: 'Bearer 0000000-0000000-0000000-0000000' })],
    ['a revoked key', 401, 601, () => ({ authorization: `Bearer ${revokedKey}` })],
    ['a profile key as the API key', 401, 601, () => ({ authorization: `Bearer ${keyA}` })],
  ];
  it.each(KEYS)(
    'every authenticated route with %s → %i/%i, nothing of A answered or changed',
    async (_name, status, code, headers) => {
      const before = await digestOfA();
      const wrong: string[] = [];
      for (const op of authenticated()) {
        const res = await send(op, { ...headers(), 'profile-key': keyA });
        const problems = catalogAnswerProblems(res.status, res.body);
        if (res.status !== status || (res.body as { code?: number }).code !== code || problems.length)
          wrong.push(`${label(op)} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      expect(wrong).toEqual([]);
      expect(await digestOfA()).toBe(before);
    },
  );

  it('another profile’s key, naming A’s ids everywhere: nothing of A answered or changed', async () => {
    const secrets = [
      ids.post,
      ids.link,
      ids.delivery,
      A.text,
      A.hook,
      A.linkTarget,
      A.comment,
      A.schedule,
      keyA,
      profileIdA,
    ].filter((s): s is string => typeof s === 'string' && s.length > 0);
    const leaks: string[] = [];
    // Reads first, while B holds nothing made from A's names: a write of B's with A's
    // schedule title or link URL makes B's own, which B's later reads rightly show.
    const ordered = [...authenticated()].sort(
      (x, y) => Number(x.method !== 'GET') - Number(y.method !== 'GET'),
    );
    for (const op of ordered) {
      const before = await digestOfA();
      const res = await send(op, { authorization: `Bearer ${API_KEY}`, 'profile-key': keyB });
      // What B sent itself may come back ("Post <id> was not found", B's own link to the
      // same URL): a leak is something of A's that B did not send.
      const sent = JSON.stringify(requestFor(op));
      const shown = secrets.filter((s) => res.text.includes(s) && !sent.includes(s));
      if (shown.length)
        leaks.push(`${label(op)} answered A's ${shown.join(', ')}: ${res.text.slice(0, 300)}`);
      if (res.status >= 500) leaks.push(`${label(op)} → ${res.status}`);
      if (res.status >= 400 && !isJsonRpcAnswer(op.path, res.body))
        for (const p of catalogAnswerProblems(res.status, res.body)) leaks.push(`${label(op)}: ${p}`);
      if ((await digestOfA()) !== before)
        leaks.push(`${label(op)} changed A's rows (→ ${res.status} ${res.text.slice(0, 200)})`);
    }
    expect(leaks).toEqual([]);
  });

  it('the Profile-Key header and a profileKey in the body or query that disagree → 632 on every route, nothing changed', async () => {
    const before = await digestOfA();
    const wrong: string[] = [];
    for (const op of authenticated()) {
      const extra =
        op.method === 'GET' || op.body.length === 0
          ? { query: `profileKey=${encodeURIComponent(keyB)}` }
          : { body: { profileKey: keyB } };
      const res = await send(op, { authorization: `Bearer ${API_KEY}`, 'profile-key': keyA }, extra);
      const problems = catalogAnswerProblems(res.status, res.body);
      if ((res.body as { code?: number }).code !== 632 || problems.length)
        wrong.push(`${label(op)} → ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(await digestOfA()).toBe(before);
  });
});
