import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { fitsRatio, NINE_BY_SIXTEEN, type Place, placeOf, type RatioRange, ratioDetails } from './places.ts';
import type { MediaType } from './sniff.ts';

/**
 * What each network takes as a video, per place, from platform-apis.md (documented
 * limits only; the observed ones, like X's 140 s, are left to the network). Herald reads
 * type and size from the first bytes and the displayed size and duration from `moov`.
 */

export interface VideoLimits {
  maxBytes?: number;
  minSeconds?: number;
  maxSeconds?: number;
  ratio?: RatioRange;
}

export interface VideoRules {
  /** Types the network takes; absent: any video. */
  accepts?: readonly MediaType[];
  limits: Partial<Record<Place, VideoLimits>>;
}

const MB = 1024 * 1024;
const MP4_OR_MOV: readonly MediaType[] = ['video/mp4', 'video/quicktime'];

export const VIDEO_RULES: Readonly<Partial<Record<Platform, VideoRules>>> = {
  instagram: {
    accepts: MP4_OR_MOV,
    limits: {
      reel: { maxBytes: 300 * MB, minSeconds: 3, maxSeconds: 15 * 60, ratio: NINE_BY_SIXTEEN },
      story: { maxBytes: 100 * MB, maxSeconds: 60, ratio: NINE_BY_SIXTEEN },
    },
  },
  threads: { accepts: MP4_OR_MOV, limits: { feed: { maxBytes: 1024 * MB, maxSeconds: 5 * 60 } } },
  twitter: { limits: { feed: { maxBytes: 512 * MB } } },
};

export interface CheckedVideo {
  type: MediaType;
  /** Displayed size and duration, when Herald could read the file's moov box. */
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  bytes: number | null;
}

const LABELS: Partial<Record<MediaType, string>> = {
  'video/mp4': 'MP4',
  'video/quicktime': 'MOV',
  'video/webm': 'WebM',
};
const labelOf = (type: MediaType) => LABELS[type] ?? type;
const PLACE_LABELS: Record<Place, string> = { feed: 'a video', story: 'a story video', reel: 'a reel' };

/** Whether Herald needs to look inside this network's videos at all. */
export const hasVideoRules = (platform: Platform): boolean => VIDEO_RULES[platform] !== undefined;

/**
 * The first rule this video breaks on this network (138 aspectRatio for Instagram's
 * 9:16, 136 otherwise); undefined when it fits or when what a rule needs is unknown.
 */
export function checkVideo(
  platform: Platform,
  platformName: string,
  video: CheckedVideo,
  options: Readonly<Record<string, unknown>>,
): ErrorSpec | undefined {
  const rules = VIDEO_RULES[platform];
  if (!rules) return undefined;
  const refuse = (reason: string): ErrorSpec => ({ code: 136, platform, params: { platformName, reason } });
  if (rules.accepts && !rules.accepts.includes(video.type))
    return refuse(
      `${labelOf(video.type)} videos are not accepted (${rules.accepts.map(labelOf).join(', ')})`,
    );
  const place = placeOf(platform, 'video', options);
  const limits = rules.limits[place];
  if (!limits) return undefined;
  const what = PLACE_LABELS[place];
  if (limits.maxBytes !== undefined && video.bytes !== null && video.bytes > limits.maxBytes)
    return refuse(`${what} must be at most ${limits.maxBytes} bytes (this one has ${video.bytes})`);
  const seconds = video.durationSeconds;
  if (seconds !== null) {
    if (limits.maxSeconds !== undefined && seconds > limits.maxSeconds)
      return refuse(
        `${what} may last at most ${limits.maxSeconds} s (this one lasts ${seconds.toFixed(1)} s)`,
      );
    if (limits.minSeconds !== undefined && seconds < limits.minSeconds)
      return refuse(
        `${what} must last at least ${limits.minSeconds} s (this one lasts ${seconds.toFixed(1)} s)`,
      );
  }
  const { width, height } = video;
  if (limits.ratio && width !== null && height !== null && !fitsRatio(width, height, limits.ratio))
    return {
      code: 138,
      variant: 'aspectRatio',
      platform,
      params: { ratio: `${width}/${height}` },
      details: ratioDetails(platformName, place, limits.ratio, 'video', width, height),
    };
  return undefined;
}
