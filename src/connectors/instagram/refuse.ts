import { BACKOFF_MS, type Failed, type MetaClassified } from '../shared/graph-errors.ts';
import type { Run } from '../shared/graph-run.ts';
import type { MediaItem } from '../types.ts';
import { instagramSpec } from './errors.ts';
import { measureImage } from './image-size.ts';
import { retryAfterSeconds } from './rate-limit.ts';

/**
 * The ratio Instagram refused, as the seed prints it ('1440/2158': width/height as sent).
 * It comes from Herald's own reading of the image header. Meta's error carries no
 * structured field with it (only prose, which Herald does not parse), so when the image
 * cannot be read the generic 138 answers instead.
 */
async function ratioOf(run: Run, item: MediaItem | undefined): Promise<string | undefined> {
  if (item?.kind !== 'image') return undefined;
  const size = await measureImage(item.url, run.ctx.fetchMedia, run.ctx.signal);
  return size ? `${size.width}/${size.height}` : undefined;
}

/**
 * The outcome of a classified refusal, with what the row needs beyond the table: the
 * measured ratio of an aspect-ratio refusal, the wait of a 435, and a delayed retry of a
 * temporary failure (the flow only classifies those as failures before anything was published).
 */
export async function refuseInstagram(
  run: Run,
  classified: MetaClassified,
  headers: Headers,
  item?: MediaItem,
): Promise<Failed> {
  const { row, words } = classified;
  let error = classified.spec;
  if (error.code === 138 && error.variant === 'aspectRatio') {
    const ratio = await ratioOf(run, item);
    error = ratio ? { ...error, params: { ...error.params, ratio } } : instagramSpec({ code: 138 }, words);
  }
  if (row.retry === 'after-reset') {
    const publishingLimit = String(classified.signal.subcode) === '2207042';
    const retryAfter = await retryAfterSeconds(headers, publishingLimit, run.client, run.userId);
    error = { ...error, params: { ...error.params, retryAfter } };
  }
  return row.retry === 'backoff'
    ? { kind: 'failed', error, retryAfterMs: BACKOFF_MS }
    : { kind: 'failed', error };
}
