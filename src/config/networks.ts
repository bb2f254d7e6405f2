import type { Platform } from '../platforms.ts';

/**
 * Each network's API base URL and version: the real defaults, overridable with
 * `HERALD_<NETWORK>_API_URL` / `HERALD_<NETWORK>_API_VERSION` so a deployment can
 * point at a proxy or a test double. Connectors never hard-code these.
 */
export const NETWORK_DEFAULTS: Readonly<
  Record<Platform, { url: string; version?: string; analyticsUrl?: string }>
> = {
  bluesky: { url: 'https://bsky.social' },
  facebook: { url: 'https://graph.facebook.com', version: 'v23.0' },
  gmb: {
    url: 'https://mybusiness.googleapis.com',
    version: 'v4',
    analyticsUrl: 'https://businessprofileperformance.googleapis.com',
  },
  instagram: { url: 'https://graph.facebook.com', version: 'v23.0' },
  linkedin: { url: 'https://api.linkedin.com', version: '202601' },
  // Mastodon has no central server: the account's own instance URL is used.
  mastodon: { url: '', version: 'v1' },
  pinterest: { url: 'https://api.pinterest.com', version: 'v5' },
  reddit: { url: 'https://oauth.reddit.com' },
  snapchat: { url: 'https://adsapi.snapchat.com', version: 'v1' },
  telegram: { url: 'https://api.telegram.org' },
  threads: { url: 'https://graph.threads.net', version: 'v1.0' },
  tiktok: { url: 'https://open.tiktokapis.com', version: 'v2' },
  twitter: { url: 'https://api.x.com', version: '2' },
  youtube: {
    url: 'https://www.googleapis.com',
    version: 'v3',
    analyticsUrl: 'https://youtubeanalytics.googleapis.com',
  },
};

export type NetworkVariable =
  | 'API_URL'
  | 'API_VERSION'
  | 'DAILY_BUDGET'
  | 'CLIENT_ID'
  | 'CLIENT_SECRET'
  | 'AUTH_URL'
  | 'ANALYTICS_API_URL';

export function networkEnvName(platform: Platform, what: NetworkVariable): string {
  return `HERALD_${platform.toUpperCase()}_${what}`;
}
