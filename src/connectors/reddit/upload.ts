import type { ConnectorContext, MediaItem, PublishOutcome } from '../types.ts';
import type { UploadLease } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import { networkFailure, type RedditFailure } from './wire.ts';

/**
 * The image's way to Reddit's S3 bucket: download it with the core's SSRF-safe fetcher,
 * then POST S3's form (every lease field, then the file: S3 ignores fields after the
 * file) to `https:` + the lease's action. S3 answers 201 with XML naming `<Location>`.
 */

type Failed = PublishOutcome & { kind: 'failed' };

export const MIME_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif'];
/** Reddit's documented image limit is 20 MB. */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export interface Downloaded {
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  filename: string;
}

function rejected(reason: string, details: string): Failed {
  return {
    kind: 'failed',
    error: { code: 136, platform: 'reddit', params: { platformName: PLATFORM_NAME, reason }, details },
  };
}

function filenameOf(url: string, mimeType: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  return /^[\w.-]+\.\w+$/.test(last) ? last : `image.${mimeType.split('/')[1] ?? 'jpeg'}`;
}

export async function download(item: MediaItem, ctx: ConnectorContext): Promise<Downloaded | Failed> {
  const failed = (why: string): Failed => ({
    kind: 'failed',
    error: { code: 451, platform: 'reddit', details: `${item.url}: ${why}` },
  });
  try {
    const response = await ctx.fetchMedia(item.url, { signal: ctx.signal });
    if (!response.ok) {
      await response.body?.cancel();
      return failed(`HTTP ${response.status} from origin`);
    }
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!MIME_TYPES.includes(mimeType)) {
      await response.body?.cancel();
      return rejected(
        'Reddit takes JPEG, PNG and GIF images',
        `${item.url}: ${mimeType || 'no content-type'}`,
      );
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_IMAGE_BYTES) return rejected('images are limited to 20 MB', item.url);
    return { bytes, mimeType, filename: filenameOf(item.url, mimeType) };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/** Reddit hands a protocol-relative `//host`; a proxy or a test double may give a full URL. */
export function uploadUrl(action: string): string {
  return action.startsWith('//') ? `https:${action}` : action;
}

function xmlValue(xml: string, tag: string): string | undefined {
  const raw = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
  return raw
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The uploaded file's `<Location>`, or S3's refusal with its `<Code>`. */
export async function uploadToS3(
  lease: UploadLease,
  image: Downloaded,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<{ ok: true; location: string } | { ok: false; failure: RedditFailure }> {
  const form = new FormData();
  for (const field of lease.fields) form.append(field.name, field.value);
  form.append('file', new Blob([image.bytes], { type: image.mimeType }), image.filename);
  let response: Response;
  let xml: string;
  try {
    response = await fetchFn(uploadUrl(lease.action), { method: 'POST', body: form, signal });
    xml = await response.text();
  } catch (error) {
    return networkFailure(error);
  }
  const location = xmlValue(xml, 'Location');
  if (response.ok && location) return { ok: true, location };
  const failure: RedditFailure = {
    kind: 'reddit',
    status: response.status,
    message: `S3 upload: ${xmlValue(xml, 'Message') ?? (response.statusText || 'no <Location>')}`,
    headers: response.headers,
  };
  const code = xmlValue(xml, 'Code');
  if (code) failure.code = code;
  return { ok: false, failure };
}
