import type { ErrorSpec } from '../../errors/build.ts';
import { readCapped } from '../shared/wire.ts';
import type { PublishInput, PublishOutcome } from '../types.ts';
import type { BlobRef, XrpcClient } from './client.ts';
import { failedOutcome, PLATFORM_NAME } from './errors.ts';
import type { SessionKeeper } from './session.ts';

/** The lexicon's maxSize for an image blob; the PDS refuses a post embedding a larger one. */
export const MAX_IMAGE_BYTES = 1_000_000;

export interface ImagesEmbed {
  $type: 'app.bsky.embed.images';
  images: { alt: string; image: BlobRef }[];
}

type Failed = PublishOutcome & { kind: 'failed' };

function rejected(reason: string, details?: string): Failed {
  const error: ErrorSpec = {
    code: 136,
    platform: 'bluesky',
    params: { platformName: PLATFORM_NAME, reason },
  };
  if (details !== undefined) error.details = details;
  return { kind: 'failed', error };
}

const tooLarge = (url: string) => rejected(`each image must be at most ${MAX_IMAGE_BYTES} bytes`, url);

async function download(
  url: string,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: string } | Failed> {
  try {
    const response = await fetchFn(url, { signal });
    if (!response.ok) {
      await response.body?.cancel();
      return rejected('the image could not be downloaded', `${url}: HTTP ${response.status}`);
    }
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!mimeType.startsWith('image/')) {
      await response.body?.cancel();
      return rejected('only images are accepted', `${url}: content-type ${mimeType || 'missing'}`);
    }
    // Refuse at once on a declared size, and stop reading an undeclared one at the limit.
    if (Number(response.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES) {
      await response.body?.cancel();
      return tooLarge(url);
    }
    const bytes = await readCapped(response, MAX_IMAGE_BYTES);
    return bytes ? { bytes, mimeType } : tooLarge(url);
  } catch (error) {
    // Nothing was sent to Bluesky yet: the post certainly does not exist.
    return rejected('the image could not be downloaded', `${url}: ${String(error)}`);
  }
}

function altTextOf(options: PublishInput['options'], index: number, fallback: string | undefined): string {
  const given = Array.isArray(options.altText) ? options.altText[index] : undefined;
  return typeof given === 'string' ? given : (fallback ?? '');
}

/**
 * Downloads each image with `ctx.fetchMedia` (the core's SSRF-safe fetcher) and uploads it
 * as a blob; no embed when the post has no images.
 */
export async function uploadImages(
  input: PublishInput,
  client: XrpcClient,
  keeper: SessionKeeper,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<{ kind: 'ok'; embed?: ImagesEmbed } | Failed> {
  const images = input.media.filter((item) => item.kind === 'image');
  if (images.length === 0) return { kind: 'ok' };
  const embed: ImagesEmbed = { $type: 'app.bsky.embed.images', images: [] };
  for (const [index, item] of images.entries()) {
    const file = await download(item.url, fetchFn, signal);
    if ('kind' in file) return file;
    const uploaded = await keeper.run((token) => client.uploadBlob(token, file.bytes, file.mimeType));
    if (!uploaded.ok) return failedOutcome(uploaded.failure);
    embed.images.push({ alt: altTextOf(input.options, index, item.altText), image: uploaded.value });
  }
  return { kind: 'ok', embed };
}
