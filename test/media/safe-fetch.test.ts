import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../src/media/allow-list.ts';
import { fetchAdapter } from '../../src/media/fetch-adapter.ts';
import { MediaFetchError } from '../../src/media/fetch-error.ts';
import { fetchMedia } from '../../src/media/safe-fetch.ts';
import type { ResolvedAddress, Resolver } from '../../src/media/url-decision.ts';
import { loopbackPolicy } from '../fakes/media-server/loopback-fetch.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';

/**
 * The safe fetcher against a loopback media host (allowlisted, as HERALD_MEDIA_ALLOW
 * does in tests). Refusals are decided before any connection: a fetch that tried to
 * reach 10.0.0.1 would fail in the net guard as a `network` error, not as `refused`.
 */

let host: MediaHost;
beforeAll(async () => {
  host = await startMediaHost({ hugeBytes: 2 * 1024 * 1024 });
});
afterAll(() => host.close());

async function failure(promise: Promise<unknown>): Promise<MediaFetchError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(MediaFetchError);
  return error as MediaFetchError;
}

/** Resolves every name to the addresses given, counting the lookups. */
function fixedResolver(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve: Resolver = async (name) => {
    calls.push(name);
    return (table[name] ?? []).map(
      (address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }),
    );
  };
  return Object.assign(resolve, { calls });
}

describe('redirects', () => {
  it('follows up to 5, each one decided again', async () => {
    const res = await fetchMedia(loopbackPolicy(), host.url('/hop/4'));
    expect(res.status).toBe(200);
    expect(res.redirects).toHaveLength(5);
    expect(res.url).toBe(host.url('/photo.jpg'));
    expect(res.body.equals(host.fixtures.jpeg)).toBe(true);
  });

  it('refuses a sixth', async () => {
    const error = await failure(fetchMedia(loopbackPolicy(), host.url('/hop/5')));
    expect(error.failure).toBe('redirects');
    expect(error.message).toBe('too many redirects (more than 5)');
  });

  it.each([
    [
      'http://10.0.0.1/a.jpg',
      'redirect to http://10.0.0.1/a.jpg refused: non-public address 10.0.0.1 (private)',
    ],
    [
      'http://169.254.169.254/latest/meta-data/',
      'redirect to http://169.254.169.254/latest/meta-data/ refused: non-public address 169.254.169.254 (metadata)',
    ],
  ])('refuses a redirect to %s without connecting to it', async (target, message) => {
    const error = await failure(
      fetchMedia(loopbackPolicy(), host.url(`/to?url=${encodeURIComponent(target)}`)),
    );
    expect(error).toMatchObject({ failure: 'refused', message });
  });

  it('refuses a redirect to a name that resolves to the metadata address', async () => {
    const resolve = fixedResolver({ localhost: ['127.0.0.1'], 'metadata.internal': ['169.254.169.254'] });
    const policy = loopbackPolicy({ allow: parseAllowList('localhost').allow, resolve });
    const start = `http://localhost:${host.port}/to?url=${encodeURIComponent('http://metadata.internal/latest/')}`;
    const error = await failure(fetchMedia(policy, start));
    expect(error.failure).toBe('refused');
    expect(error.message).toMatch(
      /non-public address 169\.254\.169\.254 \(metadata\) for host metadata\.internal$/,
    );
    expect(resolve.calls).toEqual(['localhost', 'metadata.internal']);
  });

  it('refuses a redirect to [::ffff:127.0.0.1] when only the name was allowlisted', async () => {
    const resolve = fixedResolver({ localhost: ['127.0.0.1'] });
    const policy = loopbackPolicy({ allow: parseAllowList('localhost').allow, resolve });
    const target = `http://[::ffff:127.0.0.1]:${host.port}/photo.jpg`;
    const start = `http://localhost:${host.port}/to?url=${encodeURIComponent(target)}`;
    const before = host.hits('/photo.jpg').length;
    const error = await failure(fetchMedia(policy, start));
    expect(error).toMatchObject({ failure: 'refused' });
    expect(error.message).toContain('non-public address ::ffff:7f00:1 (loopback, carrying 127.0.0.1)');
    expect(host.hits('/photo.jpg')).toHaveLength(before);
  });
});

describe('pinning', () => {
  it('resolves once and connects to that address, sending the name as Host', async () => {
    // A name only the injected resolver knows (.test is reserved, never in public DNS): had
    // the fetcher let the HTTP stack look the name up again instead of connecting to the
    // decided address, the request would fail to resolve, not reach the host.
    const name = 'media.pinned.test';
    let answers = 0;
    // A rebinding resolver: loopback the first time, the metadata address afterwards.
    const resolve: Resolver = async (asked) => {
      expect(asked).toBe(name);
      return [{ address: answers++ === 0 ? '127.0.0.1' : '169.254.169.254', family: 4 }];
    };
    const policy = loopbackPolicy({ allow: parseAllowList(name).allow, resolve });
    const before = host.hits('/photo.png').length;
    const res = await fetchMedia(policy, `http://${name}:${host.port}/photo.png`);
    expect(res).toMatchObject({ status: 200, address: '127.0.0.1' });
    expect(answers).toBe(1);
    const seen = host.hits('/photo.png').slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.host).toBe(`${name}:${host.port}`);
  });

  it('refuses loopback itself when it is not allowlisted', async () => {
    const error = await failure(
      fetchMedia(loopbackPolicy({ allow: parseAllowList('').allow }), host.url('/photo.jpg')),
    );
    expect(error).toMatchObject({ failure: 'refused', message: 'non-public address 127.0.0.1 (loopback)' });
  });
});

describe('caps', () => {
  it('refuses a file past the size cap (announced size)', async () => {
    const error = await failure(fetchMedia(loopbackPolicy({ maxBytes: 1024 * 1024 }), host.url('/huge.jpg')));
    expect(error).toMatchObject({
      failure: 'too-large',
      message: 'the file is larger than the 1048576-byte limit',
    });
  });

  it('keeps the start of a long file when asked to truncate', async () => {
    const res = await fetchMedia(loopbackPolicy(), host.url('/huge.jpg'), {
      maxBytes: 1000,
      overflow: 'truncate',
    });
    expect(res).toMatchObject({ status: 200, truncated: true });
    expect(res.body).toHaveLength(1000);
  });

  it('gives up at the deadline on a stalled body', async () => {
    const error = await failure(fetchMedia(loopbackPolicy({ timeoutMs: 300 }), host.url('/stall.jpg')));
    expect(error).toMatchObject({ failure: 'timeout', message: 'timeout: no complete answer within 300 ms' });
  });

  it('names a refused connection', async () => {
    const closed = await startMediaHost();
    const url = closed.url('/photo.jpg');
    await closed.close();
    const error = await failure(fetchMedia(loopbackPolicy(), url));
    expect(error).toMatchObject({ failure: 'network', message: 'connection failed: ECONNREFUSED' });
  });
});

describe('the fetch-shaped adapter (ctx.fetchMedia)', () => {
  it('streams the body and passes the origin’s headers through', async () => {
    const res = await fetchAdapter(loopbackPolicy())(host.url('/photo.webp'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await res.arrayBuffer()).equals(host.fixtures.webp)).toBe(true);
  });

  it('sends no Referer and reads bytes as stored', async () => {
    await (await fetchAdapter(loopbackPolicy())(host.url('/photo.png'))).arrayBuffer();
    const last = host.hits('/photo.png').at(-1);
    expect(last?.referer).toBeUndefined();
  });

  it('errors the stream past the cap', async () => {
    const res = await fetchAdapter(loopbackPolicy({ maxBytes: 1024 * 1024 }))(host.url('/huge.jpg'));
    const error = await res.arrayBuffer().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ failure: 'too-large' });
  });

  it('bounds the wait for the answer, then each pause of the body, not the whole stream', async () => {
    const policy = loopbackPolicy({ timeoutMs: 300 });
    // A download of about 1 s that is never idle for 300 ms: too slow for Herald's own checks…
    expect((await failure(fetchMedia(policy, host.url('/trickle.jpg')))).failure).toBe('timeout');
    // …but fine as a stream handed to a connector.
    const streamed = await fetchAdapter(policy)(host.url('/trickle.jpg'));
    expect(Buffer.from(await streamed.arrayBuffer()).equals(host.fixtures.jpeg)).toBe(true);
    const stalled = await fetchAdapter(policy)(host.url('/stall.jpg'));
    const error = await stalled.arrayBuffer().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ failure: 'timeout', message: 'timeout: no data for 300 ms' });
  });

  it('rejects a refused URL with the cause', async () => {
    const error = await failure(fetchAdapter(loopbackPolicy())('http://10.0.0.1/a.jpg'));
    expect(error.message).toBe('non-public address 10.0.0.1 (private)');
  });
});
