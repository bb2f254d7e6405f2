import type { ErrorSpec } from '../../errors/build.ts';
import { classify } from '../shared/error-table.ts';
import type { GraphError } from '../shared/graph-client.ts';
import { signalOf } from '../shared/graph-errors.ts';
import type { ErrorRow } from '../types.ts';

/**
 * Errors of the Page analytics calls (insights). Only the throttle has a seed code so far:
 * 80001 is 444, "rate limit", never 161: the Page stays linked and publishing still works.
 * Other analytics failures fall through to the publishing table when the route lands.
 */
export const FACEBOOK_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 80001 },
    maps: { code: 444 },
    retry: 'after-reset',
    note: '80001 "There have been too many calls to this Page account": a per-Page throttle, not an authorization failure.',
  },
];

/**
 * The spec of an analytics failure the table knows, with Meta's code kept for the seed's
 * `errCode` field of the analytics shape; undefined for the others.
 */
export function analyticsError(failure: GraphError): { spec: ErrorSpec; errCode: number } | undefined {
  const row = classify(FACEBOOK_ANALYTICS_ERRORS, signalOf(failure));
  if (!row || failure.error.code === undefined) return undefined;
  return { spec: { ...row.maps, platform: 'facebook' }, errCode: failure.error.code };
}
