import type { AnalyticsFailure } from '../../connectors/analytics-types.ts';

/** The first wait after a throttle, doubled on each throttle in a row, never past the ceiling. */
export const THROTTLE_FIRST_S = 300;
export const THROTTLE_CEILING_S = 3_600;
/**
 * A missing permission is answered again without asking for this long: the network caches
 * the token's permissions itself, so a relinked account can keep failing for ~5–10 minutes
 * (seed 002, code 475) and asking sooner only spends its rate limit.
 */
export const PERMISSION_HOLD_S = 300;

type Policy = 'throttle' | 'permission';

/** What Herald does with a failure before asking the network again, by catalog code. */
export const HOLD_POLICY: Readonly<Record<number, Policy>> = {
  // Facebook's per-Page throttle (Meta 80001): back off, never a relink prompt.
  444: 'throttle',
  // Any other network rate limit, and YouTube's daily project quota.
  624: 'throttle',
  628: 'throttle',
  // LinkedIn member analytics scopes missing; other networks' analytics permissions; X identity.
  475: 'permission',
  682: 'permission',
  272: 'permission',
};

/**
 * Seconds during which this failure is answered from the cache (0: not kept, the next call
 * asks the network). `inARow` counts this failure too: 1 for the first throttle.
 */
export function holdSeconds(failure: AnalyticsFailure, inARow: number): number {
  const policy = HOLD_POLICY[failure.error.code];
  const asked = failure.waitSeconds ?? 0;
  if (policy === 'throttle') {
    const backoff = Math.min(THROTTLE_FIRST_S * 2 ** Math.max(0, inARow - 1), THROTTLE_CEILING_S);
    return Math.max(backoff, asked);
  }
  if (policy === 'permission') return Math.max(PERMISSION_HOLD_S, asked);
  return asked;
}
