import type { MediaHead } from './media-head.ts';
import { type FetchPolicy, fetchMedia } from './safe-fetch.ts';
import { findMoov, type MoovResult, type RangeReader } from './video-probe.ts';

/**
 * A remote video's layout (displayed size, duration, whether `moov` comes first), from
 * the first bytes Herald already read and byte ranges through the safe fetcher.
 * Undefined for types without `moov` (WebM).
 */
export async function videoLayout(
  policy: FetchPolicy,
  head: MediaHead,
  signal?: AbortSignal,
): Promise<MoovResult | undefined> {
  if (head.type !== 'video/mp4' && head.type !== 'video/quicktime') return undefined;
  return findMoov(head.prefix, head.total, rangeReader(policy, head.url, signal));
}

/** Byte ranges of a media URL; undefined when the origin answers whole files only. */
export function rangeReader(policy: FetchPolicy, url: string, signal?: AbortSignal): RangeReader {
  return async (start, end) => {
    const res = await fetchMedia(policy, url, {
      headers: { range: `bytes=${start}-${end}` },
      maxBytes: end - start + 1,
      overflow: 'truncate',
      ...(signal ? { signal } : {}),
    });
    const range = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
    if (res.status !== 206 || Number(range?.[1]) !== start) return undefined;
    return res.body;
  };
}
