import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { fitsRatio, NINE_BY_SIXTEEN, type Place, placeOf, type RatioRange, ratioDetails } from './places.ts';
import type { MediaType } from './sniff.ts';

/**
 * What each network takes as an image (platform-apis.md, documented limits only), and
 * which formats Herald converts to JPEG for it (seed 002: WebP for Instagram, LinkedIn,
 * TikTok, Google Business Profile, Threads and Snapchat; HEIC, HEIF and AVIF for every
 * network). Counts are checked at request time (src/posts/validate-target.ts).
 */

export interface ImageRules {
  /** Types the network takes (after Herald's conversion); absent: any image. */
  accepts?: readonly MediaType[];
  maxBytes?: number;
  /** A larger cap for some types (X takes 15 MB GIFs, 5 MB otherwise). */
  maxBytesByType?: Partial<Record<MediaType, number>>;
  /** Aspect ratio per place (Instagram: feed 4:5 to 1.91:1, stories 9:16). */
  ratio?: Partial<Record<Place, RatioRange>>;
  maxPixels?: number;
  /** Telegram: width + height at most this, and the ratio at most `maxSideRatio`. */
  maxSideSum?: number;
  maxSideRatio?: number;
}

const MB = 1024 * 1024;

/**
 * Herald reads an image whole only to convert or measure it; no network takes images
 * past 20 MB, so this bounds memory even when HERALD_MEDIA_MAX_BYTES allows large videos.
 */
export const IMAGE_DOWNLOAD_MAX_BYTES = 64 * MB;

export const IMAGE_RULES: Readonly<Partial<Record<Platform, ImageRules>>> = {
  instagram: {
    accepts: ['image/jpeg', 'image/png'],
    maxBytes: 8 * MB,
    ratio: { feed: { min: 4 / 5, max: 1.91 }, story: NINE_BY_SIXTEEN },
  },
  threads: { accepts: ['image/jpeg', 'image/png'], maxBytes: 8 * MB },
  facebook: {
    accepts: ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/tiff', 'image/webp'],
    maxBytes: 4 * MB,
  },
  twitter: {
    accepts: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
    maxBytes: 5 * MB,
    maxBytesByType: { 'image/gif': 15 * MB },
  },
  tiktok: { accepts: ['image/jpeg', 'image/webp'], maxBytes: 20 * MB },
  linkedin: { accepts: ['image/jpeg', 'image/png', 'image/gif'], maxPixels: 36_152_320 },
  pinterest: {
    accepts: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff'],
  },
  gmb: { accepts: ['image/jpeg', 'image/png'] },
  reddit: { accepts: ['image/jpeg', 'image/png', 'image/gif'] },
  telegram: { maxSideSum: 10_000, maxSideRatio: 20 },
  youtube: {},
};

const WEBP_TO_JPEG: ReadonlySet<Platform> = new Set([
  'instagram',
  'linkedin',
  'tiktok',
  'gmb',
  'threads',
  'snapchat',
]);
const ALWAYS_TO_JPEG: ReadonlySet<MediaType> = new Set(['image/heic', 'image/heif', 'image/avif']);

/** Whether Herald converts this image type to JPEG before sending it to this network. */
export function needsJpeg(platform: Platform, type: MediaType): boolean {
  return ALWAYS_TO_JPEG.has(type) || (type === 'image/webp' && WEBP_TO_JPEG.has(platform));
}

export interface CheckedImage {
  type: MediaType;
  width: number;
  height: number;
  bytes: number | null;
}

const LABELS: Partial<Record<MediaType, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/bmp': 'BMP',
  'image/tiff': 'TIFF',
};

const labelOf = (type: MediaType) => LABELS[type] ?? type;

/**
 * The first rule this image breaks on this network, as the catalog error the network
 * would have caused (138 aspectRatio for Instagram's ratio, 136 otherwise); undefined when it fits.
 */
export function checkImage(
  platform: Platform,
  platformName: string,
  image: CheckedImage,
  options: Readonly<Record<string, unknown>>,
): ErrorSpec | undefined {
  const rules = IMAGE_RULES[platform];
  if (!rules) return undefined;
  const refuse = (reason: string): ErrorSpec => ({ code: 136, platform, params: { platformName, reason } });
  if (rules.accepts && !rules.accepts.includes(image.type))
    return refuse(
      `${labelOf(image.type)} images are not accepted (${rules.accepts.map(labelOf).join(', ')})`,
    );
  const maxBytes = rules.maxBytesByType?.[image.type] ?? rules.maxBytes;
  if (maxBytes !== undefined && image.bytes !== null && image.bytes > maxBytes)
    return refuse(
      `each ${labelOf(image.type)} image must be at most ${maxBytes} bytes (this one has ${image.bytes})`,
    );
  const place = placeOf(platform, 'image', options);
  const range = rules.ratio?.[place];
  if (range && !fitsRatio(image.width, image.height, range)) {
    // Seed 001's body exactly for the feed: the ratio as "<width>/<height>" in the message, no details.
    return {
      code: 138,
      variant: 'aspectRatio',
      platform,
      params: { ratio: `${image.width}/${image.height}` },
      ...(place === 'feed'
        ? {}
        : { details: ratioDetails(platformName, place, range, 'image', image.width, image.height) }),
    };
  }
  if (rules.maxPixels !== undefined && image.width * image.height > rules.maxPixels)
    return refuse(
      `an image may have at most ${rules.maxPixels} pixels (this one has ${image.width * image.height})`,
    );
  if (rules.maxSideSum !== undefined && image.width + image.height > rules.maxSideSum)
    return refuse(`width plus height must be at most ${rules.maxSideSum} pixels`);
  const ratio = image.width / image.height;
  const sideRatio = Math.max(ratio, 1 / ratio);
  if (rules.maxSideRatio !== undefined && sideRatio > rules.maxSideRatio)
    return refuse(`the longer side may be at most ${rules.maxSideRatio} times the shorter`);
  return undefined;
}
