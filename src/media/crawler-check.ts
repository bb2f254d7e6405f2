import type { Platform } from '../platforms.ts';
import {
  type Advice,
  fetchAdvice,
  presignedAdvice,
  robotsAdvice,
  wildcardWarning,
} from './crawler-advice.ts';
import type { Crawler } from './crawlers.ts';
import { causeOf, MediaFetchError } from './fetch-error.ts';
import { fetchRobots, judgeRobots, type RobotsFile, type RobotsReport } from './robots-check.ts';
import { type FetchPolicy, fetchMedia } from './safe-fetch.ts';
import { looksLikeHtml, type MediaType, sniffMediaType } from './sniff.ts';
import type { TtlCache } from './ttl-cache.ts';

/**
 * What one network's crawler will meet at a media URL, checked the way seed 000's
 * verification does it: robots.txt evaluated for the crawler, then a ranged GET with
 * the crawler's user agent and no Referer, expecting 200/206 and media bytes; and a
 * signed URL must outlive the post time plus a margin.
 */

/** Bytes the seed's curl asks for (`Range: bytes=0-524288`). */
export const PROBE_RANGE_END = 524_288;

export interface CrawlerFetchReport {
  status: number | null;
  /** Sniffed from the bytes. */
  contentType: MediaType | null;
  /** What the server said (Content-Type header). */
  declaredType: string | null;
  bytes: number;
  redirects: number;
  /** The answer was a web page (a WAF challenge, a login wall, a hotlink block). */
  html: boolean;
  error?: string;
}

export interface CrawlerReport {
  crawler: string;
  userAgent: string;
  platforms: readonly Platform[];
  pullsByUrl: boolean;
  robots: RobotsReport;
  fetch: CrawlerFetchReport;
  presigned?: { scheme: string; parameters: string; expiresAt: string; deadline: string; ok: boolean };
  verdict: 'ok' | 'blocked';
  finding?: Advice['finding'];
  cause?: string;
  fix?: string;
  warnings: string[];
}

export interface CrawlerCheckDeps {
  policy: FetchPolicy;
  robotsCache: TtlCache<RobotsFile>;
  fetchCache: TtlCache<CrawlerFetchReport>;
  presignedMarginMs: number;
}

async function crawlerFetch(
  policy: FetchPolicy,
  url: string,
  crawler: Crawler,
  signal?: AbortSignal,
): Promise<CrawlerFetchReport> {
  try {
    const res = await fetchMedia(policy, url, {
      // As the seed's curl: the crawler's user agent, the first 512 KiB, no Referer.
      headers: { 'user-agent': crawler.userAgent, range: `bytes=0-${PROBE_RANGE_END}` },
      maxBytes: PROBE_RANGE_END + 1,
      overflow: 'truncate',
      ...(signal ? { signal } : {}),
    });
    const declaredType = res.headers.get('content-type');
    const contentType = sniffMediaType(res.body) ?? null;
    return {
      status: res.status,
      contentType,
      declaredType,
      bytes: res.body.length,
      redirects: res.redirects.length,
      html: contentType === null && looksLikeHtml(res.body, declaredType),
    };
  } catch (err) {
    // An abort is the caller's, not the origin's answer: never cached as a finding.
    if (err instanceof MediaFetchError && err.failure === 'aborted') throw err;
    return {
      status: null,
      contentType: null,
      declaredType: null,
      bytes: 0,
      redirects: 0,
      html: false,
      error: causeOf(err),
    };
  }
}

export async function checkCrawler(
  deps: CrawlerCheckDeps,
  url: string,
  crawler: Crawler,
  postTime: Date,
  options: { obeyRobots?: boolean; signal?: AbortSignal } = {},
): Promise<CrawlerReport> {
  const { signal } = options;
  const parsed = new URL(url);
  const path = `${parsed.pathname}${parsed.search}`;
  // Both, as the seed's verification does: robots.txt, and the file fetched as the crawler.
  const [file, fetched] = await Promise.all([
    deps.robotsCache.load(`${parsed.origin} ${crawler.token}`, () =>
      fetchRobots(deps.policy, parsed.origin, crawler, signal),
    ),
    deps.fetchCache.load(`${url} ${crawler.token}`, () => crawlerFetch(deps.policy, url, crawler, signal)),
  ]);
  const robots = judgeRobots(file, crawler, path);
  const signed = presignedAdvice(url, postTime, deps.presignedMarginMs);
  const advice =
    signed.advice ??
    (robots.verdict === 'disallowed' && options.obeyRobots !== false
      ? robotsAdvice(crawler, robots, path)
      : undefined) ??
    fetchAdvice(crawler, url, fetched);
  // Duplicate `*` groups matter to a crawler that falls back on them.
  const warnings =
    robots.wildcardGroups.length > 1 && robots.group !== 'specific' ? [wildcardWarning(robots)] : [];
  return {
    crawler: crawler.token,
    userAgent: crawler.userAgent,
    platforms: crawler.platforms,
    pullsByUrl: crawler.pullsByUrl,
    robots,
    fetch: fetched,
    ...(signed.expiry
      ? {
          presigned: {
            scheme: signed.expiry.scheme,
            parameters: signed.expiry.parameters,
            expiresAt: signed.expiry.expiresAt.toISOString(),
            deadline: signed.deadline.toISOString(),
            ok: !signed.advice,
          },
        }
      : {}),
    verdict: advice ? 'blocked' : 'ok',
    ...(advice ? { finding: advice.finding, cause: advice.cause, fix: advice.fix } : {}),
    warnings,
  };
}
