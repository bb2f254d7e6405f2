/** Every network Herald publishes to, by the id the Ayrshare API uses for it. */
export const PLATFORMS = [
  'bluesky',
  'facebook',
  'gmb',
  'instagram',
  'linkedin',
  'mastodon',
  'pinterest',
  'reddit',
  'snapchat',
  'telegram',
  'threads',
  'tiktok',
  'twitter',
  'youtube',
] as const;

export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/** Networks owned by Meta: they share identity verification (326) and the crawler. */
export const META_PLATFORMS = ['facebook', 'instagram', 'threads'] as const satisfies readonly Platform[];

/** Network ids Ayrshare knows that Herald does not publish to: refused as a missing feature (604), not as a typo (605). */
export const NOT_OFFERED_PLATFORMS: Readonly<Record<string, string>> = { fbg: 'Facebook Groups' };
