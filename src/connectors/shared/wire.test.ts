import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { RefusedUrlError } from '../../media/api-fetch.ts';
import { isRequestNotBuilt, networkFailure, RequestNotBuiltError } from './wire.ts';

/** What fetch and Node's client throw, each built for real (nothing is sent: each fails before a connection). */
async function thrownBy(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('a request that could not be built is not a network failure (issue 10, finding 6)', () => {
  const LOCAL: [string, () => unknown][] = [
    [
      'fetch: a header value outside Latin-1',
      () => fetch('http://127.0.0.1:9/', { headers: { authorization: 'Bearer tök€n' } }),
    ],
    [
      'fetch: a header value with a line break',
      () => fetch('http://127.0.0.1:9/', { headers: { authorization: 'Bearer a\nb' } }),
    ],
    ['fetch: a URL with a user name and password', () => fetch('http://u:p@127.0.0.1:9/')],
    [
      'Request: a header value outside Latin-1',
      () => new Request('http://127.0.0.1:9/', { headers: { a: '€' } }),
    ],
    [
      'node:http: a header value with a control character',
      () => http.request('http://127.0.0.1:9/', { headers: { a: 'b\u0001' } }),
    ],
  ];
  it.each(LOCAL)('%s → thrown again as RequestNotBuiltError, never a NetworkFailure', async (_name, work) => {
    const error = await thrownBy(work);
    expect(isRequestNotBuilt(error)).toBe(true);
    expect(() => networkFailure(error)).toThrow(RequestNotBuiltError);
  });

  const NETWORK: [string, unknown, boolean][] = [
    ['connection refused', new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }), false],
    ['connection reset', new TypeError('fetch failed', { cause: withCode('ECONNRESET') }), true],
    ['a body cut short', new TypeError('terminated', { cause: withCode('UND_ERR_SOCKET') }), true],
    ['aborted', new DOMException('aborted', 'AbortError'), true],
    ['the SSRF guard refused the address', new RefusedUrlError('non-public address'), false],
  ];
  it.each(NETWORK)('%s → a NetworkFailure', (_name, error, mayHaveArrived) => {
    expect(isRequestNotBuilt(error)).toBe(false);
    expect(networkFailure(error).failure).toMatchObject({ kind: 'network', mayHaveArrived });
  });

  it('never repeats undici’s words (they can quote a URL’s password)', async () => {
    const error = await thrownBy(() => fetch('http://user:hunter2@127.0.0.1:9/'));
    expect(String((error as Error).message)).toContain('credentials');
    expect(() => networkFailure(error)).toThrow(/^the request could not be built/);
    expect(new RequestNotBuiltError().message).not.toContain('hunter2');
  });
});
