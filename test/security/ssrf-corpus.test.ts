import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ResolvedAddress, Resolver } from '../../src/media/url-decision.ts';
import { mediaFixtures } from '../fakes/media-server/fixtures.ts';
import { catalogAnswerProblems } from '../helpers/catalog-form.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Issue 10, the SSRF corpus: every spelling of an internal address we know of, and
 * redirects to them, through every path that fetches a URL a user gives (media in a
 * post, the dry run, media verify and urlExists, a Mastodon instance, a Bluesky PDS, a
 * webhook). Loopback only: a canary server on 127.0.0.1 stands for "inside" (every
 * loopback spelling aims at it), names resolve through an injected resolver (so
 * `internal.test` can be 10.0.0.1 without DNS), and every socket Herald opens is
 * recorded. The one allowlisted host is the redirector on 127.0.0.2 (HERALD_MEDIA_ALLOW),
 * the "public" server whose redirects must each be decided again. 0 reached: the
 * canary sees no request and no socket is opened to anything but the redirector and
 * PostgreSQL.
 */

const REDIRECTOR_HOST = '127.0.0.2';

let canaryHits: string[] = [];
let flipped = false;
let canary: http.Server;
let redirector: http.Server;
let C = 0;
let R = 0;
let t: TestHerald;

/** Sockets Herald opened (host:port as given to connect), besides PostgreSQL's and the redirector's. */
let attempts: string[] = [];
const originalConnect = net.Socket.prototype.connect;

function connectTarget(args: unknown[]): { host: string; port: number } | undefined {
  const [first, second, third] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (typeof first === 'object' && first !== null) {
    const o = first as { host?: string; port?: number | string; path?: string };
    if (o.path !== undefined) return undefined;
    return { host: o.host ?? 'localhost', port: Number(o.port) };
  }
  if (typeof first === 'number' || /^\d+$/.test(String(first)))
    return { host: typeof second === 'string' ? second : 'localhost', port: Number(first) };
  void third;
  return undefined;
}

/** Names only this resolver knows, each with the addresses it answers. */
const NAMES: Record<string, string[]> = {
  'public.test': ['93.184.216.34'],
  'internal.test': ['10.0.0.1'],
  'metadata.test': ['169.254.169.254'],
  'router.test': ['192.168.1.1'],
  'docker.test': ['172.17.0.1'],
  'cgnat.test': ['100.64.0.1'],
  'zero.test': ['0.0.0.0'],
  'canary.test': ['127.0.0.1'],
  'canary6.test': ['::1'],
  'ula.test': ['fd00::1'],
  'linklocal6.test': ['fe80::1'],
  'mapped.test': ['::ffff:10.0.0.1'],
  'mapped-loop.test': ['::ffff:127.0.0.1'],
  'mixed.test': ['93.184.216.34', '127.0.0.1'],
  'mixed6.test': ['2606:4700::1', 'fd12::1'],
  localhost: ['127.0.0.1', '::1'],
  'localhost.': ['127.0.0.1'],
};
/** A name that is public when a webhook is registered and loopback when it is called (DNS rebinding). */
let rebound = false;
const resolver: Resolver = async (name) => {
  if (name === 'rebind.test') return [{ address: rebound ? '127.0.0.1' : '93.184.216.34', family: 4 }];
  const found = NAMES[name.toLowerCase()];
  if (!found) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return found.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** Every way we know of to write "inside" (C: the canary's port, on loopback). */
function spellings(): string[] {
  const c = C;
  return [
    `http://127.0.0.1:${c}/`,
    `http://127.1:${c}/`,
    `http://127.0.1:${c}/`,
    `http://2130706433:${c}/`,
    `http://0x7f000001:${c}/`,
    `http://0x7f.0.0.1:${c}/`,
    `http://0177.0.0.1:${c}/`,
    `http://017700000001:${c}/`,
    `http://127.000.000.001:${c}/`,
    `http://0x7F.1:${c}/`,
    `https://127.0.0.1:${c}/`,
    `http://[::1]:${c}/`,
    `http://[0:0:0:0:0:0:0:1]:${c}/`,
    `http://[::ffff:127.0.0.1]:${c}/`,
    `http://[::ffff:7f00:1]:${c}/`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${c}/`,
    `http://[::127.0.0.1]:${c}/`,
    `http://[64:ff9b::7f00:1]:${c}/`,
    `http://[2002:7f00:1::1]:${c}/`,
    `http://0.0.0.0:${c}/`,
    `http://0:${c}/`,
    `http://[::]:${c}/`,
    `http://localhost:${c}/`,
    `http://LOCALHOST:${c}/`,
    `http://localhost.:${c}/`,
    `http://canary.test:${c}/`,
    `http://canary6.test:${c}/`,
    `http://mapped-loop.test:${c}/`,
    `http://mixed.test:${c}/`,
    'http://internal.test/',
    'http://metadata.test/latest/meta-data/',
    'http://router.test/',
    'http://docker.test/',
    'http://cgnat.test/',
    `http://zero.test:${c}/`,
    'http://ula.test/',
    'http://linklocal6.test/',
    'http://mapped.test/',
    'http://mixed6.test/',
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/iam/',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://[fe80::1%25eth0]/',
    'http://192.168.0.1/',
    'http://100.100.100.200/latest/meta-data/',
    `http://public.test@127.0.0.1:${c}/`,
    `http://user:pass@internal.test/`,
    `http://127.0.0.1:${c}\\@public.test/`,
    `http://127.0.0.1:${c}#@public.test/`,
    `http://public.test:80@127.0.0.1:${c}/`,
    'file:///etc/passwd',
    `gopher://127.0.0.1:${c}/_GET`,
    `ftp://127.0.0.1:${c}/`,
    `dict://127.0.0.1:${c}/`,
  ];
}

/** Redirects from the allowlisted "public" server to inside, each decided again. */
function redirects(): string[] {
  const to = (target: string, status = 302) =>
    `http://${REDIRECTOR_HOST}:${R}/r?status=${status}&to=${encodeURIComponent(target)}`;
  const c = C;
  return [
    to(`http://127.0.0.1:${c}/`),
    to(`http://127.0.0.1:${c}/`, 301),
    to(`http://127.0.0.1:${c}/`, 307),
    to(`http://127.0.0.1:${c}/`, 308),
    to(`http://0x7f000001:${c}/`),
    to(`http://[::ffff:127.0.0.1]:${c}/`),
    to(`http://localhost:${c}/`),
    to(`http://canary.test:${c}/`),
    to('http://metadata.test/latest/meta-data/'),
    to('http://169.254.169.254/latest/meta-data/'),
    to('http://internal.test/'),
    to(`http://user:pass@canary.test:${c}/`),
    to('file:///etc/passwd'),
    to(`//127.0.0.1:${c}/`),
    to(to(`http://127.0.0.1:${c}/`)),
  ];
}

beforeAll(async () => {
  canary = http.createServer((req, res) => {
    canaryHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'image/jpeg' }).end('inside');
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  C = (canary.address() as net.AddressInfo).port;
  const { jpeg } = await mediaFixtures();
  redirector = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    // A photo until the test flips it, then a redirect inside: what the worker meets later.
    if (url.pathname === '/flip.jpg') {
      if (!flipped) {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
        res.end(req.method === 'HEAD' ? undefined : jpeg);
      } else res.writeHead(302, { location: `http://127.0.0.1:${C}/photo.jpg` }).end();
      return;
    }
    res.writeHead(Number(url.searchParams.get('status') ?? 302), {
      location: url.searchParams.get('to') ?? '/',
    });
    res.end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, REDIRECTOR_HOST, resolve));
  R = (redirector.address() as net.AddressInfo).port;

  t = await startTestHerald({
    resolve: resolver,
    // Media checks run for sandbox accounts as for live ones, and afresh each time (no
    // cache): the worker's fetch at the post's time is a fetch of its own.
    env: {
      HERALD_MEDIA_ALLOW: REDIRECTOR_HOST,
      HERALD_SANDBOX_MEDIA_CHECKS: 'true',
      HERALD_MEDIA_CACHE_TTL_MS: '0',
    },
  });
  await linkSandbox(t, ['facebook', 'mastodon']);

  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    const database = Number(new URL(t.databaseUrl).port);
    if (target && !(target.port === database) && !(target.host === REDIRECTOR_HOST && target.port === R))
      attempts.push(`${target.host}:${target.port}`);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
});

afterAll(async () => {
  net.Socket.prototype.connect = originalConnect;
  await t?.stop();
  await new Promise((resolve) => canary?.close(resolve));
  await new Promise((resolve) => redirector?.close(resolve));
});

type Path = {
  name: string;
  /** Linking an account: every refusal is bad input (400: 613 for the link, 604 for a URL with userinfo), never a network failure. */
  link?: boolean;
  send: (url: string) => Promise<{ status: number; body: Record<string, unknown> }>;
};

const PATHS: Path[] = [
  {
    name: 'POST /api/media/verify',
    send: (url) => t.request('POST', '/api/media/verify', { mediaUrl: url }),
  },
  {
    name: 'POST /api/media/urlExists',
    send: (url) => t.request('POST', '/api/media/urlExists', { mediaUrl: url }),
  },
  {
    name: 'GET /api/media/meta',
    send: (url) => t.request('GET', `/api/media/meta?url=${encodeURIComponent(url)}`),
  },
  {
    name: 'POST /api/media/resize',
    send: (url) => t.request('POST', '/api/media/resize', { mediaUrl: url, platform: 'facebook' }),
  },
  {
    name: 'POST /api/validate/post (media)',
    send: (url) =>
      t.request('POST', '/api/validate/post', { post: 'ssrf', platforms: ['facebook'], mediaUrls: [url] }),
  },
  {
    name: 'POST /api/post (media, published by the worker)',
    send: (url) =>
      t.request('POST', '/api/post', { post: 'ssrf', platforms: ['facebook', 'mastodon'], mediaUrls: [url] }),
  },
  {
    name: 'POST /api/accounts (Mastodon instance)',
    link: true,
    send: (url) =>
      t.request('POST', '/api/accounts', {
        platform: 'mastodon',
        credentials: { instance: url, accessToken: 'token-abc' },
      }),
  },
  {
    name: 'POST /api/accounts (Bluesky service)',
    link: true,
    send: (url) =>
      t.request('POST', '/api/accounts', {
        platform: 'bluesky',
        credentials: { service: url, identifier: 'a.test', appPassword: 'abcd-efgh-ijkl-mnop' },
      }),
  },
  {
    name: 'POST /api/hook/webhook',
    send: (url) => t.request('POST', '/api/hook/webhook', { action: 'social', url }),
  },
];

describe('the SSRF corpus reaches nothing inside', () => {
  it('has at least 40 spellings and redirects', () => {
    expect(spellings().length + redirects().length).toBeGreaterThanOrEqual(40);
  });

  it.each(PATHS)('$name: every spelling and redirect is refused, 0 reached', async ({ send, link }) => {
    const leaks: string[] = [];
    for (const url of [...spellings(), ...redirects()]) {
      canaryHits = [];
      attempts = [];
      const res = await send(url);
      // What the server (the redirector) answered may be a 502 from the connector: that is the
      // network's answer, not a reach inside. Every refusal is in catalog form whatever its status.
      if (res.status >= 400) {
        for (const p of catalogAnswerProblems(res.status, res.body)) leaks.push(`${url}: ${p}`);
      }
      if (link && !(res.status === 400 && [604, 613].includes(Number(res.body.code))))
        leaks.push(
          `${url}: linking answered ${res.status} ${res.body.code} ${res.body.action}, not 400 (613 or 604)`,
        );
      if (canaryHits.length > 0) leaks.push(`${url}: the canary was reached (${canaryHits.join(', ')})`);
      if (attempts.length > 0) leaks.push(`${url}: sockets opened to ${attempts.join(', ')}`);
    }
    expect(leaks).toEqual([]);
  });
});

describe('a webhook whose name resolves inside by the time it is called', () => {
  it('is decided again at delivery: refused, 0 reached, the attempt recorded', async () => {
    rebound = false;
    const registered = await t.request('POST', '/api/hook/webhook', {
      action: 'social',
      url: `https://rebind.test:${C}/hook`,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    rebound = true;
    canaryHits = [];
    attempts = [];
    // Linking an account sends the `social` event; the worker delivers it.
    const since = new Date().toISOString();
    await linkSandbox(t, ['telegram']);
    type Delivery = {
      action: string;
      attempts: number;
      created: string;
      lastError?: { details?: string; message?: string };
    };
    let attempted: Delivery | undefined;
    await vi.waitFor(
      async () => {
        const res = await t.request('GET', '/api/hook/deliveries');
        const deliveries = (res.body.deliveries ?? []) as Delivery[];
        // An attempt counts from its claim; its error is recorded once it ended (refused).
        attempted = deliveries.find(
          (d) => d.action === 'social' && d.created >= since && d.attempts > 0 && d.lastError !== undefined,
        );
        expect(attempted, JSON.stringify(res.body)).toBeDefined();
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(JSON.stringify(attempted?.lastError), JSON.stringify(attempted)).toMatch(
      /non-public address 127\.0\.0\.1/,
    );
    expect(canaryHits).toEqual([]);
    expect(attempts).toEqual([]);
  }, 60_000);
});

describe('a media URL that turns inside after the post is accepted', () => {
  it('is decided again when the worker fetches it: the target fails, 0 reached', async () => {
    flipped = false;
    const mediaUrl = `http://${REDIRECTOR_HOST}:${R}/flip.jpg`;
    const res = await t.request('POST', '/api/post', {
      post: 'flips later',
      platforms: ['facebook'],
      mediaUrls: [mediaUrl],
      scheduleDate: new Date(Date.now() + 4_000).toISOString(),
    });
    expect(res.body).toMatchObject({ status: 'scheduled' });
    flipped = true;
    canaryHits = [];
    attempts = [];
    const state = async () =>
      (
        await t.herald.app.pool.query<{ state: string; error: unknown }>(
          'SELECT state, error FROM targets WHERE post_id = $1',
          [res.body.id],
        )
      ).rows[0];
    await vi.waitFor(async () => expect((await state())?.state).toBe('failed'), {
      timeout: 30_000,
      interval: 200,
    });
    expect((await state())?.error).toMatchObject({
      code: 451,
      details: expect.stringMatching(
        /^redirect to http:\/\/127\.0\.0\.1:\d+\/photo\.jpg refused: non-public address/,
      ),
    });
    expect(canaryHits).toEqual([]);
    expect(attempts).toEqual([]);
  }, 60_000);
});
