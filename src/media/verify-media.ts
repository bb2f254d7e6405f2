import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { type CrawlerCheckDeps, type CrawlerReport, checkCrawler } from './crawler-check.ts';
import { crawlersFor } from './crawlers.ts';
import type { MediaService } from './media-service.ts';
import { TtlCache } from './ttl-cache.ts';
import { decideUrl } from './url-decision.ts';

/**
 * The diagnosis behind POST /api/media/verify and `herald media check`: what each
 * network's crawler meets at a media URL, and the fix. Always fetched afresh (no
 * cache), since it is what a user runs right after changing robots.txt.
 */
export interface MediaVerification {
  mediaUrl: string;
  crawlers: CrawlerReport[];
}

export async function verifyMedia(
  service: MediaService,
  mediaUrl: string,
  options: { platforms?: readonly Platform[]; postTime?: Date } = {},
): Promise<{ ok: true; verification: MediaVerification } | { ok: false; error: ErrorSpec }> {
  const decision = await decideUrl(mediaUrl, service.policy.allow, service.policy.resolve);
  // Nothing is downloaded or converted here: the refusal says what was refused and why.
  if (!decision.allowed) {
    const details = decision.nonPublic
      ? 'Herald refuses non-public addresses (SSRF guard); list the host, IP or CIDR block in HERALD_MEDIA_ALLOW to allow a media server on your own network.'
      : undefined;
    return {
      ok: false,
      error: { code: 633, params: { reason: decision.reason }, ...(details ? { details } : {}) },
    };
  }
  const fresh: CrawlerCheckDeps = {
    policy: service.policy,
    presignedMarginMs: service.presignedMarginMs,
    robotsCache: new TtlCache(0),
    fetchCache: new TtlCache(0),
  };
  const postTime = options.postTime ?? new Date();
  const crawlers = await Promise.all(
    crawlersFor(options.platforms).map((crawler) => checkCrawler(fresh, mediaUrl, crawler, postTime)),
  );
  return { ok: true, verification: { mediaUrl, crawlers } };
}

/** One line per crawler, the columns `herald media check` prints. */
export interface VerificationRow {
  crawler: string;
  networks: string;
  robots: string;
  http: string;
  type: string;
  bytes: string;
  verdict: string;
  fix: string;
}

export function verificationRows(verification: MediaVerification): VerificationRow[] {
  return verification.crawlers.map((c) => ({
    crawler: c.crawler,
    networks: c.platforms.join(','),
    robots: robotsCell(c),
    http: c.fetch.status === null ? `- (${c.fetch.error ?? 'no answer'})` : String(c.fetch.status),
    type: c.fetch.contentType ?? (c.fetch.html ? 'text/html' : (c.fetch.declaredType ?? '-')),
    bytes: String(c.fetch.bytes),
    verdict:
      c.verdict === 'ok'
        ? 'ok'
        : c.pullsByUrl
          ? `BLOCKED: ${c.cause ?? ''}`
          : `BLOCKED (link previews only; posts are not affected): ${c.cause ?? ''}`,
    fix: c.fix ?? '',
  }));
}

function robotsCell(c: CrawlerReport): string {
  const { robots } = c;
  const status = robots.status === null ? 'unreachable' : `HTTP ${robots.status}`;
  if (robots.rule) return `${robots.verdict} by line ${robots.rule.line} "${robots.rule.text}" (${status})`;
  const basis = {
    'no-rule': 'no rule matches',
    'no-group': 'no group applies',
    unavailable: 'no robots.txt: allow all',
    unreachable: 'unreachable: disallow all',
    rule: '',
  }[robots.basis];
  return `${robots.verdict}: ${basis} (${status})`;
}
