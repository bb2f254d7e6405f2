import type { Platform } from '../platforms.ts';

/**
 * Where on a network a post lands, when the network sets different media rules per place:
 * an Instagram story or reel is not a feed image. Every other network has only `feed`.
 */
export type Place = 'feed' | 'story' | 'reel';

export function placeOf(
  platform: Platform,
  kind: 'image' | 'video',
  options: Readonly<Record<string, unknown>>,
): Place {
  if (platform !== 'instagram') return 'feed';
  if (options.stories === true) return 'story';
  // Since July 2023 Instagram publishes every feed video as a reel.
  if (options.reels === true || kind === 'video') return 'reel';
  return 'feed';
}

export interface RatioRange {
  /** Smallest and largest width/height. */
  min: number;
  max: number;
  /** How Herald names the rule to the user ("9:16"); absent: "<min> to <max>". */
  name?: string;
}

/**
 * Instagram stories and reels are full-screen 9:16 (1080×1920). One per cent either way
 * lets encoders that round sizes to multiples of 16 (1088×1920) through.
 */
export const NINE_BY_SIXTEEN: RatioRange = { min: (9 / 16) * 0.99, max: (9 / 16) * 1.01, name: '9:16' };

export const fitsRatio = (width: number, height: number, range: RatioRange): boolean => {
  const ratio = width / height;
  return ratio >= range.min - 1e-9 && ratio <= range.max + 1e-9;
};

const PLACE_NAMES: Record<Place, string> = { feed: 'feed posts', story: 'stories', reel: 'reels' };

/** Details for a ratio refusal outside the feed (the feed's 138 is seed 001's body, without details). */
export function ratioDetails(
  platformName: string,
  place: Place,
  range: RatioRange,
  kind: 'image' | 'video',
  width: number,
  height: number,
): string {
  const rule = range.name ?? `${range.min.toFixed(2)}:1 to ${range.max.toFixed(2)}:1`;
  return `${platformName} ${PLACE_NAMES[place]} must be ${rule} (width/height ${range.min.toFixed(4)} to ${range.max.toFixed(4)}); this ${kind} is ${width}×${height} as displayed. Crop it to ${rule} and post again.`;
}
