import type { AnalyticsFailure, AnalyticsOutcome, HistoryOutcome } from '../../connectors/analytics-types.ts';
import { type CacheKey, readCached, writeCached } from '../../db/analytics-cache.ts';
import type { AppContext } from '../context.ts';
import { holdSeconds } from './hold-policy.ts';

/** A network's answer about one object, fresh or from the cache, with Ayrshare's two times. */
export type CallResult = (
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; failure: AnalyticsFailure }
) & { lastUpdated: Date; nextUpdate: Date; fromCache: boolean };

type Outcome = AnalyticsOutcome | HistoryOutcome;

function successBody(outcome: Exclude<Outcome, AnalyticsFailure>): Record<string, unknown> {
  const { kind: _kind, ...rest } = outcome;
  if ('refreshSeconds' in rest) delete rest.refreshSeconds;
  return rest;
}

function storedFailure(body: Record<string, unknown>): AnalyticsFailure {
  return { kind: 'failed', ...(body as Omit<AnalyticsFailure, 'kind'>) };
}

/**
 * Answers from the cache while its `nextUpdate` has not passed, else asks the network and
 * keeps the answer: a success until the network refreshes its numbers, a failure as long
 * as its hold policy says (a throttle backs off further each time it repeats; a transient
 * failure is not kept, and never replaces a kept success).
 */
export async function throughCache(
  app: AppContext,
  key: CacheKey,
  call: () => Promise<Outcome>,
  now: () => Date = () => new Date(),
): Promise<CallResult> {
  const cached = await readCached(app.pool, key);
  const started = now();
  if (cached && started < cached.nextUpdate) {
    const times = { lastUpdated: cached.lastUpdated, nextUpdate: cached.nextUpdate, fromCache: true };
    return cached.ok
      ? { ok: true, body: cached.body, ...times }
      : { ok: false, failure: storedFailure(cached.body), ...times };
  }
  const outcome = await call();
  const lastUpdated = now();
  if (outcome.kind !== 'failed') {
    const refresh =
      ('refreshSeconds' in outcome ? outcome.refreshSeconds : undefined) ?? app.config.analyticsCacheSeconds;
    const nextUpdate = new Date(lastUpdated.getTime() + refresh * 1000);
    const body = successBody(outcome);
    await writeCached(app.pool, key, { ok: true, body, failures: 0, lastUpdated, nextUpdate });
    return { ok: true, body, lastUpdated, nextUpdate, fromCache: false };
  }
  const inARow = cached && !cached.ok ? cached.failures + 1 : 1;
  const hold = holdSeconds(outcome, inARow);
  const nextUpdate = new Date(lastUpdated.getTime() + hold * 1000);
  if (hold > 0) {
    const { kind: _kind, ...body } = outcome;
    await writeCached(app.pool, key, { ok: false, body, failures: inARow, lastUpdated, nextUpdate });
  }
  return { ok: false, failure: outcome, lastUpdated, nextUpdate, fromCache: false };
}
