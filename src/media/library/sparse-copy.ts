import { randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { fetchHead } from '../media-head.ts';
import type { MediaService } from '../media-service.ts';
import { rangeReader } from '../video-head.ts';
import { findMoov, type RangeReader } from '../video-probe.ts';
import type { LocalCopy } from './local-copy.ts';

/**
 * A remote MP4/MOV laid out for ffprobe without downloading its media data: a sparse
 * file of the video's full size holding only the bytes Herald read anyway — the first
 * 512 KiB and the `moov` box, found with byte ranges (video-probe.ts). ffprobe reads the
 * container, codecs, sizes, frame rate and duration from `moov`, and the bit rate from
 * the size, so a 300 MB reel is fully probed for the price of two or three small
 * requests. Undefined when the origin will not answer ranges, or the file has no `moov`
 * (WebM): then only a full download (when a fix needs one anyway) can be probed.
 */
export async function sparseCopy(
  service: MediaService,
  url: string,
  signal?: AbortSignal,
): Promise<(LocalCopy & { complete: boolean }) | undefined> {
  const head = await service.headCache.load(url, () => fetchHead(service.policy, url, signal));
  if ((head.status !== 200 && head.status !== 206) || head.total === null) return undefined;
  if (head.type !== 'video/mp4' && head.type !== 'video/quicktime') return undefined;
  const windows: { at: number; bytes: Buffer }[] = [{ at: 0, bytes: head.prefix }];
  if (!head.complete) {
    const ranged = rangeReader(service.policy, url, signal);
    const capture: RangeReader = async (start, end) => {
      const bytes = await ranged(start, end);
      if (bytes) windows.push({ at: start, bytes });
      return bytes;
    };
    const found = await findMoov(head.prefix, head.total, capture);
    if (!found.found) return undefined;
  }
  await mkdir(service.tmpDir, { recursive: true });
  const file = path.join(service.tmpDir, `sparse-${randomBytes(12).toString('hex')}`);
  const handle = await open(file, 'w');
  try {
    await handle.truncate(head.total);
    for (const { at, bytes } of windows) await handle.write(bytes, 0, bytes.length, at);
  } finally {
    await handle.close();
  }
  return {
    file,
    size: head.total,
    type: head.type,
    // Only a whole file has an identity worth naming a fix after; a sparse one is never fixed.
    identity: '',
    complete: head.complete,
    release: () => rm(file, { force: true }),
  };
}
