import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signConnectToken, verifyConnectToken } from './connect-token.ts';

const KEY = randomBytes(32);
const ISSUER = 'https://herald.example.test/connect';
const claims = (expiresAt: Date) => ({
  sessionId: 'c0ffee00-0000-4000-8000-000000000001',
  refId: 'ref-1',
  expiresAt,
});

describe('connect tokens', () => {
  it('verify with the key and issuer they were signed for, until they expire', async () => {
    const token = await signConnectToken(KEY, ISSUER, claims(new Date(Date.now() + 60_000)));
    const verified = await verifyConnectToken(KEY, ISSUER, token);
    expect(verified).toMatchObject({
      ok: true,
      claims: { sessionId: claims(new Date()).sessionId, refId: 'ref-1' },
    });
  });

  it.each([
    ['expired', async () => signConnectToken(KEY, ISSUER, claims(new Date(Date.now() - 1000))), 'expired'],
    [
      'signed with another key',
      async () => signConnectToken(randomBytes(32), ISSUER, claims(new Date(Date.now() + 60_000))),
      'invalid',
    ],
    [
      'of another Herald',
      async () =>
        signConnectToken(KEY, 'https://other.example/connect', claims(new Date(Date.now() + 60_000))),
      'invalid',
    ],
    ['alg none', async () => 'eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.', 'invalid'],
  ])('refuses a token %s', async (_name, make, reason) => {
    expect(await verifyConnectToken(KEY, ISSUER, await make())).toEqual({ ok: false, reason });
  });
});
