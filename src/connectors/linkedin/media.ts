import type { ConnectorContext, MediaItem, PublishInput, PublishOutcome } from '../types.ts';
import type { LinkedInClient } from './client.ts';
import { failedOutcome, PLATFORM_NAME } from './errors.ts';

/**
 * Images through the Images API: initializeUpload (owner = the author) → PUT the bytes
 * to the upload URL → wait until AVAILABLE. The image URNs are kept in `progress`, so a
 * retry sends the very same post (and LinkedIn's duplicate answer can name it).
 */

type Failed = PublishOutcome & { kind: 'failed' };

/** No byte limit is documented (36,152,320 pixels is, checked by the core): a bound for memory. */
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
const STATUS_POLLS = 10;

function rejected(reason: string, details?: string): Failed {
  return {
    kind: 'failed',
    error: {
      code: 136,
      platform: 'linkedin',
      params: { platformName: PLATFORM_NAME, reason },
      ...(details !== undefined ? { details } : {}),
    },
  };
}

function downloadFailed(details: string): Failed {
  return { kind: 'failed', error: { code: 451, platform: 'linkedin', details } };
}

async function download(
  item: MediaItem,
  ctx: ConnectorContext,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: string } | Failed> {
  try {
    const response = await ctx.fetchMedia(item.url, { signal: ctx.signal });
    if (!response.ok) {
      await response.body?.cancel();
      return downloadFailed(`${item.url}: HTTP ${response.status} from origin`);
    }
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!['image/jpeg', 'image/png', 'image/gif'].includes(mimeType)) {
      await response.body?.cancel();
      return rejected(
        'LinkedIn takes JPEG, PNG and GIF images',
        `${item.url}: ${mimeType || 'no content-type'}`,
      );
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_IMAGE_BYTES) return rejected('the image is too large', item.url);
    return { bytes, mimeType };
  } catch (error) {
    return downloadFailed(`${item.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function available(
  client: LinkedInClient,
  urn: string,
  ctx: ConnectorContext,
): Promise<Failed | undefined> {
  for (let poll = 0; poll < STATUS_POLLS; poll += 1) {
    const status = await client.imageStatus(urn);
    if (!status.ok) return failedOutcome(status.failure);
    if (status.value === 'AVAILABLE') return undefined;
    if (status.value === 'PROCESSING_FAILED') return rejected('LinkedIn could not process the image', urn);
    await sleep(1000, ctx.signal);
    if (ctx.signal?.aborted) break;
  }
  return { ...rejected('LinkedIn is still processing the image', urn), retryAfterMs: 60_000 };
}

/** The image URNs of the post, uploading those not uploaded by an earlier attempt. */
export async function uploadImages(
  input: Pick<PublishInput, 'media'>,
  client: LinkedInClient,
  author: string,
  ctx: ConnectorContext,
): Promise<{ kind: 'ok'; urns: string[] } | Failed> {
  const saved = ctx.progress.load()?.images;
  const urns = Array.isArray(saved) ? saved.filter((urn): urn is string => typeof urn === 'string') : [];
  const images = input.media.filter((item) => item.kind === 'image');
  for (const item of images.slice(urns.length)) {
    const file = await download(item, ctx);
    if ('kind' in file) return file;
    const upload = await client.initializeImageUpload(author);
    if (!upload.ok) return failedOutcome(upload.failure);
    const put = await client.putImage(upload.value.uploadUrl, file.bytes, file.mimeType);
    if (!put.ok) return failedOutcome(put.failure);
    const problem = await available(client, upload.value.image, ctx);
    if (problem) return problem;
    urns.push(upload.value.image);
    await ctx.progress.save({ images: [...urns] });
  }
  return { kind: 'ok', urns };
}
