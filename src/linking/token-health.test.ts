import { describe, expect, it } from 'vitest';
import { healthOf, tokenTimes } from './token-health.ts';
import type { Grant } from './types.ts';

const NOW = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

function grant(fields: Partial<Grant>): Grant {
  return { accessToken: 't', raw: {}, ...fields };
}

describe('tokenTimes', () => {
  it.each([
    [
      'Google: an hour, a refresh token without a stated life',
      grant({ expiresIn: 3600, refreshToken: 'r' }),
      'refresh-token',
      { expiresAt: at(3_600_000), refreshAt: at(2_880_000) },
    ],
    [
      'TikTok: a day, a refresh token for 365 days',
      grant({ expiresIn: 86_400, refreshToken: 'r', refreshExpiresIn: 31_536_000 }),
      'refresh-token',
      { expiresAt: at(DAY), refreshAt: at(0.8 * DAY), relinkBy: at(365 * DAY) },
    ],
    [
      'LinkedIn without partner refresh: 60 days, then a relink',
      grant({ expiresIn: 5_184_000 }),
      'refresh-token',
      { expiresAt: at(60 * DAY), relinkBy: at(60 * DAY) },
    ],
    [
      'Threads: extended before its 60 days end',
      grant({ expiresIn: 5_184_000 }),
      'extend',
      { expiresAt: at(60 * DAY), refreshAt: at(48 * DAY), relinkBy: at(60 * DAY) },
    ],
    ['Mastodon: no expiry at all', grant({}), 'none', {}],
  ] as const)('%s', (_name, given, renewable, expected) => {
    expect(tokenTimes(given, renewable, NOW)).toEqual(expected);
  });
});

describe('healthOf', () => {
  const account = (fields: { relinkBy?: Date; health?: 'ok' | 'needs-relink'; healthReason?: string }) => ({
    health: fields.health ?? ('ok' as const),
    ...(fields.healthReason ? { healthReason: fields.healthReason } : {}),
    token: fields.relinkBy ? { relinkBy: fields.relinkBy } : {},
  });

  it.each([
    ['never expires', account({}), { status: 'ok' }],
    ['60 days left', account({ relinkBy: at(60 * DAY) }), { status: 'ok', refreshDaysRemaining: 60 }],
    [
      '5 days left: expiring',
      account({ relinkBy: at(5 * DAY + 1000) }),
      { status: 'expiring', refreshDaysRemaining: 5, reason: expect.stringContaining('link again before') },
    ],
    [
      'past its end: needs-relink',
      account({ relinkBy: at(-1000) }),
      {
        status: 'needs-relink',
        refreshDaysRemaining: 0,
        reason: 'the access token expired and cannot be renewed',
      },
    ],
    [
      'a refresh refused for good',
      account({ health: 'needs-relink', healthReason: 'invalid_grant: revoked' }),
      { status: 'needs-relink', reason: 'invalid_grant: revoked' },
    ],
  ])('%s', (_name, given, expected) => {
    expect(healthOf(given, NOW)).toEqual(expected);
  });
});
