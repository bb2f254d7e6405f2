import type { Params } from '../shared/graph-client.ts';
import { isObject } from '../shared/graph-client.ts';
import type { MediaItem, PublishInput } from '../types.ts';

/**
 * The parameters of Instagram's container calls (POST /{ig-user-id}/media) for each
 * kind of post: a photo, a reel (every single video is a reel since 2023), a story,
 * or a carousel of 2–10 items (children first, then the parent that names them).
 */

export type PostShape = 'story' | 'single' | 'carousel';

export function shapeOf(input: Pick<PublishInput, 'media' | 'options'>): PostShape {
  if (input.options.stories === true) return 'story';
  return input.media.length > 1 ? 'carousel' : 'single';
}

function option<T>(input: PublishInput, name: string, guard: (value: unknown) => value is T): T | undefined {
  const value = input.options[name];
  return guard(value) ? value : undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function altTextOf(input: PublishInput, item: MediaItem, index: number): string | undefined {
  const given = option(input, 'altText', isStrings)?.[index];
  return given ?? item.altText;
}

/** Caption-level fields shared by a single post and a carousel's parent. */
function postFields(input: PublishInput): Params {
  const location = input.options.locationId;
  const collaborators = option(input, 'collaborators', isStrings);
  return {
    caption: input.text === '' ? undefined : input.text,
    location_id: typeof location === 'string' || typeof location === 'number' ? String(location) : undefined,
    collaborators: collaborators?.length ? JSON.stringify(collaborators) : undefined,
  };
}

function reelFields(input: PublishInput): Params {
  const trial = input.options.trialParams;
  const strategy = isObject(trial) ? trial.graduationStrategy : undefined;
  return {
    share_to_feed: option(input, 'shareReelsFeed', isBoolean),
    cover_url: option(input, 'thumbNail', isString),
    thumb_offset: option(input, 'thumbNailOffset', isNumber),
    audio_name: option(input, 'audioName', isString),
    // Validated before any call (447/448/449): only a correct strategy gets here.
    trial_params:
      typeof strategy === 'string' ? JSON.stringify({ graduation_strategy: strategy }) : undefined,
  };
}

/** A photo, a reel or a story: one container that is published directly; undefined for a carousel. */
export function singleParams(input: PublishInput): Params | undefined {
  const shape = shapeOf(input);
  const item = input.media[0];
  if (shape === 'carousel' || !item) return undefined;
  const media: Params =
    item.kind === 'image'
      ? { image_url: item.url, alt_text: shape === 'single' ? altTextOf(input, item, 0) : undefined }
      : { video_url: item.url };
  if (shape === 'story') return { media_type: 'STORIES', ...media };
  if (item.kind === 'image') return { ...media, ...postFields(input) };
  return { media_type: 'REELS', ...media, ...postFields(input), ...reelFields(input) };
}

/** One item of a carousel: no caption, flagged as a carousel item. */
export function childParams(input: PublishInput, item: MediaItem, index: number): Params {
  if (item.kind === 'image')
    return { image_url: item.url, is_carousel_item: true, alt_text: altTextOf(input, item, index) };
  return { media_type: 'VIDEO', video_url: item.url, is_carousel_item: true };
}

export function carouselParams(input: PublishInput, children: readonly string[]): Params {
  return { media_type: 'CAROUSEL', children: children.join(','), ...postFields(input) };
}
