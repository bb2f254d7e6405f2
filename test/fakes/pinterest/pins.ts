import { type FakeRequest, jsonOf, type Reply } from '../http.ts';
import { BOARD_NOT_FOUND, INVALID, NOT_PERMITTED, PIN_NOT_FOUND } from './errors.ts';
import type { FakeUser, PinterestState } from './state.ts';

/**
 * `POST /v5/pins` and `DELETE /v5/pins/{id}` as platform-apis.md §12 documents them:
 * field limits (title 100, description 800, link 2,048, alt_text 500), the media_source
 * variants (a carousel of 2–5 items, a video only once processed), 201 with the Pin,
 * 204 on delete.
 */

const LIMITS: Record<string, number> = { title: 100, description: 800, link: 2048, alt_text: 500 };

function isUrl(value: unknown): boolean {
  return typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value);
}

function mediaProblem(state: PinterestState, user: FakeUser, source: unknown): string | undefined {
  if (typeof source !== 'object' || source === null) return 'media_source is required';
  const given = source as Record<string, unknown>;
  switch (given.source_type) {
    case 'image_url':
      return isUrl(given.url) ? undefined : 'media_source.url is not a valid URL';
    case 'multiple_image_urls': {
      const items = Array.isArray(given.items) ? given.items : [];
      if (items.length < 2 || items.length > 5) return 'multiple_image_urls takes 2 to 5 items';
      const urls = items.map((item) => (item as Record<string, unknown> | null)?.url);
      return urls.every(isUrl) ? undefined : 'media_source.items[].url is not a valid URL';
    }
    case 'video_id': {
      const media = state.media.get(String(given.media_id));
      if (!media || media.owner !== user.id) return 'media_source.media_id is not a known media';
      if (media.status !== 'succeeded') return `media ${media.id} is ${media.status}`;
      const cover = isUrl(given.cover_image_url) || typeof given.cover_image_key_frame_time === 'number';
      return cover ? undefined : 'a video pin needs cover_image_url or cover_image_key_frame_time';
    }
    default:
      return 'media_source.source_type is not supported';
  }
}

export function createPin(state: PinterestState, request: FakeRequest, user: FakeUser): Reply {
  const body = jsonOf(request);
  const board = state.boards.find((b) => b.id === body.board_id);
  if (!board) return BOARD_NOT_FOUND;
  if (board.owner !== user.id) return NOT_PERMITTED;
  for (const [field, limit] of Object.entries(LIMITS)) {
    const value = body[field];
    if (value !== undefined && (typeof value !== 'string' || value.length > limit)) return INVALID();
  }
  if (body.link !== undefined && !isUrl(body.link))
    return INVALID('Whoops! It looks like you entered an invalid URL. Please try again.');
  const problem = mediaProblem(state, user, body.media_source);
  if (problem) return INVALID(`Invalid parameters. ${problem}`);
  const pin = {
    id: state.nextId(),
    owner: user.id,
    body,
    createdAt: new Date().toISOString(),
    deleted: false,
  };
  state.pins.push(pin);
  const source = body.media_source as { source_type: string };
  const mediaType =
    source.source_type === 'video_id'
      ? 'video'
      : source.source_type === 'multiple_image_urls'
        ? 'multiple_images'
        : 'image';
  return {
    status: 201,
    body: {
      id: pin.id,
      created_at: pin.createdAt,
      link: body.link ?? null,
      title: body.title ?? null,
      description: body.description ?? null,
      alt_text: body.alt_text ?? null,
      board_id: board.id,
      board_section_id: null,
      board_owner: { username: user.username },
      media: { media_type: mediaType },
      parent_pin_id: null,
      is_owner: true,
    },
  };
}

export function deletePin(state: PinterestState, id: string, user: FakeUser): Reply {
  const pin = state.pins.find((p) => p.id === id && !p.deleted);
  if (!pin) return PIN_NOT_FOUND;
  if (pin.owner !== user.id) return NOT_PERMITTED;
  pin.deleted = true;
  return { status: 204 };
}
