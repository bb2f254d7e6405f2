import type { Crawler } from './crawlers.ts';
import { causeOf, MediaFetchError } from './fetch-error.ts';
import { evaluateRobots, parseRobots, type Robots, wildcardGroups } from './robots.ts';
import { type FetchPolicy, fetchMedia } from './safe-fetch.ts';

/** RFC 9309 asks crawlers to parse at least 500 KiB. */
const ROBOTS_MAX_BYTES = 512_000;

export interface RobotsFile {
  url: string;
  /** HTTP status; null when the file could not be fetched at all. */
  status: number | null;
  robots?: Robots;
  error?: string;
  /** No usable file but no failure either (a 4xx, too many redirects): RFC 9309 allows all. */
  unavailable?: boolean;
}

export interface RobotsReport {
  url: string;
  status: number | null;
  verdict: 'allowed' | 'disallowed';
  /**
   * rule: a rule decided; no-rule: groups applied but no rule matched; no-group: nothing
   * applies to the crawler; unavailable: 4xx (allow all); unreachable: 5xx or no answer
   * (disallow all), both per RFC 9309.
   */
  basis: 'rule' | 'no-rule' | 'no-group' | 'unavailable' | 'unreachable';
  group?: 'specific' | 'wildcard';
  rule?: { directive: 'Allow' | 'Disallow'; pattern: string; line: number; text: string };
  error?: string;
  /** Lines of the separate `User-agent: *` groups (more than one earns a warning). */
  wildcardGroups: number[];
}

/** Fetches the origin's robots.txt as the crawler would (its user agent, redirects followed). */
export async function fetchRobots(
  policy: FetchPolicy,
  origin: string,
  crawler: Crawler,
  signal?: AbortSignal,
): Promise<RobotsFile> {
  const url = `${origin}/robots.txt`;
  try {
    const res = await fetchMedia(policy, url, {
      headers: { 'user-agent': crawler.userAgent },
      maxBytes: ROBOTS_MAX_BYTES,
      overflow: 'truncate',
      ...(signal ? { signal } : {}),
    });
    if (res.status >= 200 && res.status < 300)
      return { url, status: res.status, robots: parseRobots(res.body.toString('utf8')) };
    // 5xx: unreachable (disallow all). Anything else without a file (4xx, a dangling 3xx): unavailable.
    return { url, status: res.status, ...(res.status >= 500 ? {} : { unavailable: true }) };
  } catch (err) {
    if (err instanceof MediaFetchError && err.failure === 'aborted') throw err;
    // Too many redirects: RFC 9309 lets the crawler take the file as unavailable (allow all).
    if (err instanceof MediaFetchError && err.failure === 'redirects')
      return { url, status: null, error: err.message, unavailable: true };
    return { url, status: null, error: causeOf(err) };
  }
}

export function judgeRobots(file: RobotsFile, crawler: Crawler, path: string): RobotsReport {
  const base = {
    url: file.url,
    status: file.status,
    wildcardGroups: file.robots ? wildcardGroups(file.robots).map((g) => g.line) : [],
  };
  if (file.robots) {
    const verdict = evaluateRobots(file.robots, [crawler.token, ...(crawler.fallbackTokens ?? [])], path);
    const rule = verdict.rule
      ? {
          directive: verdict.rule.allow ? ('Allow' as const) : ('Disallow' as const),
          pattern: verdict.rule.pattern,
          line: verdict.rule.line,
          text: verdict.rule.text,
        }
      : undefined;
    return {
      ...base,
      verdict: verdict.allowed ? 'allowed' : 'disallowed',
      basis: rule ? 'rule' : verdict.group === 'none' ? 'no-group' : 'no-rule',
      ...(verdict.group !== 'none' ? { group: verdict.group } : {}),
      ...(rule ? { rule } : {}),
    };
  }
  if (file.unavailable)
    return {
      ...base,
      verdict: 'allowed',
      basis: 'unavailable',
      ...(file.error ? { error: file.error } : {}),
    };
  return {
    ...base,
    verdict: 'disallowed',
    basis: 'unreachable',
    ...(file.error ? { error: file.error } : {}),
  };
}
