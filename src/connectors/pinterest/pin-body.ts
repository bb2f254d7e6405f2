import { isObject } from '../shared/wire.ts';
import type { PublishInput } from '../types.ts';

/**
 * The `POST /v5/pins` body (platform-apis.md §12): the board, the post text as the
 * description, `pinterestOptions` title/link/altText, and one `media_source` — an image
 * URL Pinterest fetches itself (the core's media step already checked it the way
 * Pinterest's crawler will), 2–5 of them as a carousel, or an uploaded video.
 */

export type MediaSource =
  | { source_type: 'image_url'; url: string }
  | { source_type: 'multiple_image_urls'; items: Record<string, string>[] }
  | { source_type: 'video_id'; media_id: string; cover_image_url: string }
  | { source_type: 'video_id'; media_id: string; cover_image_key_frame_time: number };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function altText(input: PublishInput): string | undefined {
  const given = Array.isArray(input.options.altText) ? input.options.altText[0] : undefined;
  return text(given) ?? text(input.media[0]?.altText);
}

/** The board the pin goes to: the post's `boardId`, else the account's default. */
export function boardOf(input: PublishInput): string | undefined {
  return text(input.options.boardId) ?? text(input.account.credentials.boardId);
}

/** Images as Pinterest fetches them: one `image_url`, or a carousel with each item's own title and link. */
export function imageSource(input: PublishInput): MediaSource {
  const urls = input.media.map((item) => item.url);
  if (urls.length === 1) return { source_type: 'image_url', url: urls[0] as string };
  const carousel = Array.isArray(input.options.carouselOptions) ? input.options.carouselOptions : [];
  const items = urls.map((url, index) => {
    const extra = isObject(carousel[index]) ? carousel[index] : {};
    const title = text(extra.title);
    const link = text(extra.link);
    return { url, ...(title ? { title } : {}), ...(link ? { link } : {}) };
  });
  return { source_type: 'multiple_image_urls', items };
}

/** An uploaded video with `thumbNail` as its cover, else its first frame. */
export function videoSource(input: PublishInput, mediaId: string): MediaSource {
  const cover = text(input.options.thumbNail);
  return cover
    ? { source_type: 'video_id', media_id: mediaId, cover_image_url: cover }
    : { source_type: 'video_id', media_id: mediaId, cover_image_key_frame_time: 0 };
}

export function pinBody(input: PublishInput, board: string, source: MediaSource): Record<string, unknown> {
  const title = text(input.options.title);
  const link = text(input.options.link);
  const alt = altText(input);
  const description = text(input.text);
  return {
    board_id: board,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...(link ? { link } : {}),
    ...(alt ? { alt_text: alt } : {}),
    media_source: source,
  };
}
