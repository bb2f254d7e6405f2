import { PROBE_RANGE_END } from './crawler-check.ts';
import { totalSizeOf } from './probe.ts';
import { type FetchPolicy, fetchMedia } from './safe-fetch.ts';
import { looksLikeHtml, type MediaType, sniffMediaType } from './sniff.ts';

/**
 * Herald's own first look at a media URL (its user agent, the first 512 KiB): enough
 * to know the real type from the bytes and, for most images, their size.
 */
export interface MediaHead {
  url: string;
  status: number;
  type: MediaType | null;
  html: boolean;
  declaredType: string | null;
  /** The first bytes (all of them when `complete`). */
  prefix: Buffer;
  complete: boolean;
  /** File size, when known (Content-Range, Content-Length, or the whole file read). */
  total: number | null;
}

/** Throws MediaFetchError when no answer came (refused, timeout, too many redirects, network). */
export async function fetchHead(policy: FetchPolicy, url: string, signal?: AbortSignal): Promise<MediaHead> {
  const res = await fetchMedia(policy, url, {
    headers: { range: `bytes=0-${PROBE_RANGE_END}` },
    maxBytes: PROBE_RANGE_END + 1,
    overflow: 'truncate',
    ...(signal ? { signal } : {}),
  });
  const declaredType = res.headers.get('content-type');
  const type = sniffMediaType(res.body) ?? null;
  // Less than the range asked for, or the whole answer read: that is the whole file.
  const complete = !res.truncated && (res.status === 200 || res.body.length <= PROBE_RANGE_END);
  return {
    url,
    status: res.status,
    type,
    html: type === null && looksLikeHtml(res.body, declaredType),
    declaredType,
    prefix: res.body,
    complete,
    total: complete ? res.body.length : totalSizeOf(res.status, res.headers),
  };
}
