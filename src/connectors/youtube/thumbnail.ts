import { buildErrorBody, type ErrorBody, type ErrorSpec } from '../../errors/build.ts';
import type { YouTubeClient } from './client.ts';
import { thumbnailWarning } from './errors.ts';
import type { Thumbnail } from './media.ts';

/**
 * Seed 307: a thumbnail problem never fails the post. Found before the upload
 * (wrong type, over 2 MB, unreachable) or reported by YouTube after it (an
 * unverified channel's 403), it becomes a warning and the video stays published.
 */

export function skippedThumbnail(reason: string): ErrorSpec {
  return { code: 307, variant: 'invalid', feature: 'thumbnail', params: { reason } };
}

/** Sets the checked thumbnail on the uploaded video: null when it took, else the warning. */
export async function applyThumbnail(
  client: YouTubeClient,
  videoId: string,
  thumbnail: Thumbnail,
): Promise<ErrorSpec | null> {
  if (!thumbnail.ok) return skippedThumbnail(thumbnail.reason);
  const set = await client.setThumbnail(videoId, thumbnail.bytes, thumbnail.type);
  return set.ok ? null : thumbnailWarning(set.failure);
}

/** The legacy `thumbnail` object of the YouTube postIds entry: the error body without platform. */
export function legacyThumbnail(warning: ErrorSpec): ErrorBody {
  const { feature: _feature, platform: _platform, ...spec } = warning;
  return buildErrorBody(spec);
}
