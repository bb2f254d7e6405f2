import { describe, expect, it } from 'vitest';
import { CATALOG, catalogEntry } from '../errors/catalog/index.ts';
import { type Occurrence, type RetryAnswer, retryAdvice, retryAfterSeconds } from './retry-advice.ts';

describe('retryAdvice', () => {
  // One row per rule, each on a real catalog entry.
  const rows: [string, number, Occurrence | undefined, RetryAnswer, number | undefined][] = [
    ['a transient network failure (retryAvailable)', 625, undefined, 'yes', undefined],
    ['a rate limit without its Retry-After', 624, undefined, 'after a wait', undefined],
    ['a rate limit with its Retry-After', 624, { details: 'Retry-After: 300' }, 'after a wait', 300],
    ['an HTTP 429 with no Retry-After template', 435, undefined, 'after a wait', undefined],
    ['an account whose authorization is gone', 623, undefined, 'after relinking', undefined],
    [
      'a variant that asks to relink (258-relink)',
      258,
      { relink: true, retryAvailable: true },
      'after relinking',
      undefined,
    ],
    ['the same code without the relink variant', 258, { retryAvailable: true }, 'yes', undefined],
    ['a crawler that cannot fetch the media', 440, undefined, 'no', undefined],
    ['Herald shutting down (request, 503)', 618, undefined, 'yes', undefined],
    ['an unknown field (request, 400)', 631, undefined, 'no', undefined],
  ];
  it.each(rows)('%s (%i) → %s', (_what, code, occurrence, retry, afterSeconds) => {
    const advice = retryAdvice(catalogEntry(code), occurrence);
    expect(advice.retry).toBe(retry);
    expect(advice.afterSeconds).toBe(afterSeconds);
  });

  it('tells a network failure to use retry_post and a refused request to be sent again', () => {
    expect(retryAdvice(catalogEntry(625)).line).toBe(
      'retry? yes: retry_post re-sends only the failed networks',
    );
    expect(retryAdvice(catalogEntry(624), { details: 'Retry-After: 60' }).line).toBe(
      'retry? after 60 s, then retry_post re-sends only the failed networks',
    );
    expect(retryAdvice(catalogEntry(618)).line).toBe(
      'retry? yes, a little later: send the same request again',
    );
  });

  it('answers for every catalog code, and "yes" only where the catalog says so', () => {
    for (const entry of CATALOG) {
      const advice = retryAdvice(entry);
      expect(advice.line, String(entry.code)).toMatch(/^retry\? /);
      if (advice.retry === 'yes')
        expect(
          entry.variants.default.retryAvailable === true || (entry.scope === 'request' && entry.http >= 500),
          String(entry.code),
        ).toBe(true);
    }
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    ['Retry-After: 120', 120],
    ['quota reset. Retry-After: 5 (window)', 5],
    ['Retry-After: soon', undefined],
    [undefined, undefined],
  ])('%s → %s', (details, seconds) => {
    expect(retryAfterSeconds(details)).toBe(seconds);
  });
});
