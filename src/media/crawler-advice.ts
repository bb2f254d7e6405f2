import type { Crawler } from './crawlers.ts';
import { type SignedExpiry, signedExpiry } from './presigned.ts';
import type { RobotsReport } from './robots-check.ts';
import type { MediaType } from './sniff.ts';

/**
 * What Herald tells the user when a crawler cannot fetch the media: the cause in
 * plain words, and the fix (for robots.txt, the lines to add, as seed 000 writes them).
 */

export type Finding =
  | 'presigned-expiry'
  | 'robots'
  | 'robots-unreachable'
  | 'http-status'
  | 'html'
  | 'not-media'
  | 'download';

export interface Advice {
  finding: Finding;
  cause: string;
  fix: string;
}

/** The seed's verification command, with the crawler's own user agent. */
export function curlCheck(crawler: Crawler, url: string): string {
  return `curl -v -H "Range: bytes=0-524288" -A "${crawler.userAgent}" "${url}"`;
}

const metaCache = (crawler: Crawler) =>
  crawler.token === 'facebookexternalhit' ? ' Meta caches robots.txt for up to 24 hours after a change.' : '';

export function robotsAdvice(crawler: Crawler, robots: RobotsReport, path: string): Advice {
  if (robots.basis === 'unreachable') {
    const how =
      robots.status !== null ? `answered HTTP ${robots.status}` : `could not be fetched (${robots.error})`;
    return {
      finding: 'robots-unreachable',
      cause: `${robots.url} ${how}: under RFC 9309 a crawler then treats the whole site as disallowed, so ${crawler.token} will not fetch the media.`,
      fix: `Make ${robots.url} answer 200 with your rules, or 404 if you have none.`,
    };
  }
  const rule = robots.rule;
  const where = rule ? ` (line ${rule.line}: "${rule.text}")` : '';
  const group = robots.group === 'specific' ? `User-agent: ${crawler.token}` : 'User-agent: *';
  const cause = `robots.txt (${robots.url}) disallows ${crawler.token} for ${path}${where}, in the "${group}" group.`;
  const fix =
    robots.group === 'specific'
      ? `In robots.txt, remove line ${rule?.line} ("${rule?.text}") from the "${group}" group so that it reads:\nUser-agent: ${crawler.token}\nAllow: /`
      : `Add these lines to robots.txt, before the "User-agent: *" group:\nUser-agent: ${crawler.token}\nAllow: /`;
  return { finding: 'robots', cause, fix: `${fix}\n${metaCache(crawler).trim()}`.trim() };
}

export function expiryAdvice(expiry: SignedExpiry, marginMs: number, now = new Date()): Advice {
  const when =
    expiry.expiresAt <= now
      ? 'it has already expired'
      : `before the post time plus a ${Math.round(marginMs / 60_000)}-minute margin`;
  return {
    finding: 'presigned-expiry',
    cause: `the signed URL expires at ${expiry.expiresAt.toISOString()} (${expiry.parameters}): ${when}.`,
    fix: 'Sign the URL for longer: it must stay valid until well after the post’s scheduled time (or host the file publicly).',
  };
}

/**
 * A signed URL must stay valid until the network fetches it: the post time (never
 * earlier than now) plus the margin. Checked first: it needs no request at all.
 */
export function presignedAdvice(url: string, postTime: Date, marginMs: number) {
  const deadline = new Date(Math.max(postTime.getTime(), Date.now()) + marginMs);
  const expiry = signedExpiry(url);
  const advice = expiry && expiry.expiresAt < deadline ? expiryAdvice(expiry, marginMs) : undefined;
  return { expiry, deadline, advice };
}

const unblock = (crawler: Crawler, url: string) =>
  `Let ${crawler.token} fetch the file: lift the WAF, bot-protection or hotlink (Referer) rule that refuses it, then check with: ${curlCheck(crawler, url)}`;

export function fetchAdvice(
  crawler: Crawler,
  url: string,
  answer: {
    status: number | null;
    contentType: MediaType | null;
    declaredType: string | null;
    html: boolean;
    bytes: number;
    error?: string;
  },
): Advice | undefined {
  if (answer.status === null)
    return {
      finding: 'download',
      cause: `${crawler.token} could not download the media: ${answer.error}.`,
      fix: 'Make the file publicly reachable from the internet over HTTPS, without authentication.',
    };
  if (answer.status !== 200 && answer.status !== 206)
    return {
      finding: 'http-status',
      cause: `HTTP ${answer.status} from origin to ${crawler.token} (${crawler.userAgent}).`,
      fix: answer.status === 401 ? 'The file needs authentication: make it public.' : unblock(crawler, url),
    };
  if (answer.html)
    return {
      finding: 'html',
      cause: `the origin answered ${crawler.token} with an HTML page (HTTP ${answer.status}, ${answer.declaredType ?? 'no Content-Type'}) instead of the media: a WAF challenge, bot rule or hotlink block.`,
      fix: unblock(crawler, url),
    };
  if (!answer.contentType)
    return {
      finding: 'not-media',
      cause: `the origin answered ${crawler.token} with ${answer.bytes} bytes that are neither an image nor a video (Content-Type ${answer.declaredType ?? 'missing'}).`,
      fix: 'Point mediaUrls at the file itself (JPEG, PNG, GIF, WebP, HEIC, AVIF, MP4 or MOV).',
    };
  return undefined;
}

export function wildcardWarning(robots: RobotsReport): string {
  return `robots.txt (${robots.url}) has ${robots.wildcardGroups.length} separate "User-agent: *" groups (lines ${robots.wildcardGroups.join(', ')}). RFC 9309 crawlers merge them, but not every parser does, and rules get dropped or applied inconsistently: keep a single "User-agent: *" group, at the end of the file.`;
}
