import type { Platform } from '../platforms.ts';

/**
 * The crawlers that download a post's media by URL, and the user agent each one
 * sends. `pullsByUrl` is true where the network's publish API takes a media URL and
 * fetches it itself (platform-apis.md): there a blocked crawler fails the post, so
 * Herald checks it first. X and LinkedIn take uploaded bytes (Herald downloads and
 * uploads), so their bots only matter for link previews: /api/media/verify reports
 * them, publishing does not fail on them.
 */
export interface Crawler {
  /** The product token robots.txt groups name. */
  token: string;
  /** Tokens whose group it obeys when none names it (Googlebot-Image obeys Googlebot). */
  fallbackTokens?: readonly string[];
  userAgent: string;
  platforms: readonly Platform[];
  pullsByUrl: boolean;
  /** Which media the network fetches by URL (TikTok and Pinterest take uploaded videos). */
  pulls: readonly ('image' | 'video')[];
  /**
   * Networks whose ingestion fetches with this user agent but ignores robots.txt
   * (seed 000: Facebook Page publishing takes another path, so a URL Instagram cannot
   * fetch may still work for Facebook).
   */
  robotsIgnoredBy?: readonly Platform[];
  /** How sure we are of the user agent: documented by the network, or seen in the wild. */
  source: 'documented' | 'observed';
}

export const CRAWLERS: readonly Crawler[] = [
  {
    token: 'facebookexternalhit',
    userAgent: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    platforms: ['instagram', 'threads', 'facebook'],
    pullsByUrl: true,
    pulls: ['image', 'video'],
    robotsIgnoredBy: ['facebook'],
    source: 'documented',
  },
  {
    token: 'Pinterest',
    userAgent: 'Pinterest/0.2 (+https://www.pinterest.com/bot.html)',
    platforms: ['pinterest'],
    pullsByUrl: true,
    pulls: ['image'],
    source: 'documented',
  },
  {
    // TikTok's photo posts (PULL_FROM_URL) are fetched from a verified domain; the fetcher's
    // user agent is not documented by TikTok: this is the one seen in the wild.
    token: 'TikTokSpider',
    userAgent:
      'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; TikTokSpider; ttspider-feedback@tiktok.com)',
    platforms: ['tiktok'],
    pullsByUrl: true,
    pulls: ['image'],
    source: 'observed',
  },
  {
    // Google Business Profile fetches `media[].sourceUrl` itself.
    token: 'Googlebot-Image',
    fallbackTokens: ['Googlebot'],
    userAgent: 'Googlebot-Image/1.0',
    platforms: ['gmb'],
    pullsByUrl: true,
    pulls: ['image', 'video'],
    source: 'observed',
  },
  {
    token: 'LinkedInBot',
    userAgent: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
    platforms: ['linkedin'],
    pullsByUrl: false,
    pulls: [],
    source: 'documented',
  },
  {
    token: 'Twitterbot',
    userAgent: 'Twitterbot/1.0',
    platforms: ['twitter'],
    pullsByUrl: false,
    pulls: [],
    source: 'documented',
  },
];

/** The crawler that will fetch this kind of media by URL for this network, if the network works that way. */
export function pullingCrawler(platform: Platform, kind: 'image' | 'video'): Crawler | undefined {
  return CRAWLERS.find((c) => c.pulls.includes(kind) && c.platforms.includes(platform));
}

/** Crawlers serving any of these networks (all of them when none is named). */
export function crawlersFor(platforms: readonly Platform[] | undefined): Crawler[] {
  if (!platforms || platforms.length === 0) return [...CRAWLERS];
  return CRAWLERS.filter((c) => c.platforms.some((p) => platforms.includes(p)));
}
