import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { freePort } from '../../test/helpers/herald.ts';
import type { RateLimitConfig } from '../config/rate-limit-config.ts';
import { createLogger } from '../ops/logger.ts';
import { RateLimiter } from './rate-limiter.ts';

const log = createLogger('silent');
const CONFIG: RateLimitConfig = { perProfile: 3, perKey: 5, windowSeconds: 60, flushMs: 1000 };
/** 10 s into a window of 60 s. */
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % 60_000) + 10_000;

let pool: pg.Pool;
beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase() });
});
afterAll(() => pool.end());

function limiter(config: RateLimitConfig = CONFIG, clock = { now: T0 }, db: pg.Pool = pool) {
  return { limiter: new RateLimiter(config, db, log, () => clock.now), clock };
}

describe('RateLimiter', () => {
  it('counts each request against the profile and the key, and refuses past either without counting', () => {
    const { limiter: l } = limiter();
    const limits = l.limitsFor('p1', 'k1');
    expect(limits).toEqual([
      { scope: 'profile', bucket: 'profile:p1', max: 3 },
      { scope: 'key', bucket: 'key:k1', max: 5 },
    ]);
    for (let i = 1; i <= 3; i++) {
      const decision = l.take(limits);
      expect(decision).toEqual({
        allowed: true,
        usage: [
          { scope: 'profile', max: 3, count: i, remaining: 3 - i },
          { scope: 'key', max: 5, count: i, remaining: 5 - i },
        ],
        windowSeconds: 60,
        resetSeconds: 50,
      });
    }
    const refused = l.take(limits);
    expect(refused.allowed).toBe(false);
    expect(refused.refusedBy).toEqual({ scope: 'profile', max: 3, count: 3, remaining: 0 });
    // Not counted: the key still has 2 left, which another profile of that key can use.
    const other = l.limitsFor('p2', 'k1');
    expect(l.take(other).usage[1]).toMatchObject({ count: 4, remaining: 1 });
    expect(l.take(other).usage[1]).toMatchObject({ count: 5, remaining: 0 });
    expect(l.take(other).refusedBy).toEqual({ scope: 'key', max: 5, count: 5, remaining: 0 });
  });

  it('counts an answer already decided (mayRefuse false) even past the limit', () => {
    const { limiter: l } = limiter({ ...CONFIG, perKey: 0 });
    const limits = l.limitsFor('p', 'k');
    expect(limits.map((x) => x.scope)).toEqual(['profile']);
    for (let i = 0; i < 3; i++) l.take(limits);
    const decision = l.take(limits, false);
    expect(decision.allowed).toBe(true);
    expect(decision.usage[0]).toEqual({ scope: 'profile', max: 3, count: 4, remaining: 0 });
  });

  it('starts again in the next window, and says how long is left of this one', () => {
    const { limiter: l, clock } = limiter();
    const limits = l.limitsFor('p', undefined);
    for (let i = 0; i < 3; i++) l.take(limits);
    clock.now = T0 + 49_001;
    expect(l.take(limits)).toMatchObject({ allowed: false, resetSeconds: 1 });
    clock.now = T0 + 50_000;
    expect(l.take(limits)).toMatchObject({ allowed: true, resetSeconds: 60, usage: [{ count: 1 }] });
  });

  it('is off when both limits are 0', () => {
    const { limiter: l } = limiter({ ...CONFIG, perProfile: 0, perKey: 0 });
    expect(l.enabled).toBe(false);
    expect(l.limitsFor('p', 'k')).toEqual([]);
  });

  it('adds its counts to the shared ones and learns the others’ when it flushes', async () => {
    const clock = { now: T0 };
    const { limiter: a } = limiter(CONFIG, clock);
    const { limiter: b } = limiter(CONFIG, clock);
    const limits = a.limitsFor('shared', undefined);
    a.take(limits);
    a.take(limits);
    await a.flush();
    b.take(limits);
    await b.flush();
    // b now knows a's two: its own one makes three, the limit.
    expect(b.take(limits).refusedBy).toMatchObject({ scope: 'profile', count: 3 });
    const { rows } = await pool.query(
      `SELECT bucket, count, window_start FROM rate_limit_counts WHERE bucket = 'profile:shared'`,
    );
    expect(rows).toEqual([{ bucket: 'profile:shared', count: 3, window_start: new Date(T0 - 10_000) }]);
    // A flush in a later window forgets the windows before the previous one.
    clock.now = T0 + 120_000;
    a.take(limits);
    await a.flush();
    const { rows: left } = await pool.query<{ window_start: Date }>(
      `SELECT window_start FROM rate_limit_counts WHERE bucket = 'profile:shared' ORDER BY window_start`,
    );
    expect(left.map((r) => r.window_start)).toEqual([new Date(T0 + 110_000)]);
    await a.stop();
    await b.stop();
  });

  it('keeps limiting on its own counts while the database is away, and keeps them for the next flush', async () => {
    const away = new pg.Pool({ connectionString: `postgres://x:y@127.0.0.1:${await freePort()}/none` });
    away.on('error', () => undefined);
    const { limiter: l } = limiter(CONFIG, { now: T0 }, away);
    const limits = l.limitsFor('p', undefined);
    l.take(limits);
    l.take(limits);
    await l.flush();
    expect(l.take(limits).usage[0]?.count).toBe(3);
    expect(l.take(limits).allowed).toBe(false);
    await away.end();
  });
});
