import { META_ANALYTICS_ROWS } from '../shared/graph-analytics.ts';
import type { ErrorRow } from '../types.ts';

/**
 * Errors of the Page analytics calls (insights, the Page's post list) where they differ
 * from publishing. The per-Page throttle 80001 is 444, "rate limit", never 161: the Page
 * stays linked and publishing still works; Herald backs off and never prompts a relink.
 * What this table does not name falls through to the publishing table (190 → 161).
 */
export const FACEBOOK_ANALYTICS_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 80001 },
    maps: { code: 444 },
    retry: 'after-reset',
    note: '80001 "There have been too many calls to this Page account": a per-Page throttle, not an authorization failure.',
  },
  ...META_ANALYTICS_ROWS,
];
