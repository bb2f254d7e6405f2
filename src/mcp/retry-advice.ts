import type { CatalogEntry } from '../errors/catalog/index.ts';

export type RetryAnswer = 'yes' | 'no' | 'after a wait' | 'after relinking';

export interface RetryAdvice {
  retry: RetryAnswer;
  /** Seconds to wait first, when the error said (`details: "Retry-After: N"`). */
  afterSeconds?: number;
  /** One line for an agent: "retry? after 3600 s: ...". */
  line: string;
}

/** What one occurrence of a code said about itself (the body's own flags and details). */
export interface Occurrence {
  retryAvailable?: boolean;
  relink?: boolean;
  details?: string;
}

/** `Retry-After: N` in an error's details, as the catalog's templates print it (435, 624). */
export function retryAfterSeconds(details: string | undefined): number | undefined {
  const match = details === undefined ? null : /Retry-After:\s*(\d{1,9})\b/.exec(details);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Whether to retry, derived from the catalog entry and nothing else: its flags (`relink`,
 * `retryAvailable`), a `Retry-After` in its details template or an HTTP 429, and, for
 * Herald's own transient failures (a request-level 500 or 503: 331, 612, 618), that the
 * same request may simply be sent again. Everything else fails the same way until
 * something changes: the remedy says what. An occurrence's own flags (a variant's) win
 * over the entry's defaults.
 */
export function retryAdvice(entry: CatalogEntry, occurrence: Occurrence = {}): RetryAdvice {
  const base = entry.variants.default;
  const relink = occurrence.relink ?? base.relink === true;
  const retryAvailable = occurrence.retryAvailable ?? base.retryAvailable === true;
  const waits = base.details?.includes('{retryAfter}') === true || entry.http === 429;
  const resend =
    entry.scope === 'request'
      ? 'send the same request again'
      : 'retry_post re-sends only the failed networks';

  if (relink)
    return {
      retry: 'after relinking',
      line: 'retry? not until the account is relinked (unlink it and link it again), then retry',
    };
  if (waits) {
    const seconds = retryAfterSeconds(occurrence.details);
    return seconds === undefined
      ? {
          retry: 'after a wait',
          line: `retry? after a wait (the Retry-After seconds in details when given), then ${resend}`,
        }
      : { retry: 'after a wait', afterSeconds: seconds, line: `retry? after ${seconds} s, then ${resend}` };
  }
  if (retryAvailable) return { retry: 'yes', line: `retry? yes: ${resend}` };
  if (entry.scope === 'request' && (entry.http === 500 || entry.http === 503))
    return { retry: 'yes', line: 'retry? yes, a little later: send the same request again' };
  return {
    retry: 'no',
    line: 'retry? no: sent unchanged it fails the same way; do what the remedy says first',
  };
}
