import type { ConnectorContext, MediaItem, PublishOutcome } from '../types.ts';
import { classifyError, failedOutcome, submitFailure } from './errors.ts';
import type { TokenKeeper } from './session.ts';
import { download, uploadToS3 } from './upload.ts';
import { awaitImageNews, fullnameOf } from './websocket.ts';
import type { RedditError } from './wire.ts';

/**
 * A native image post (platform-apis.md §9): an upload lease from
 * /api/media/asset.json, the file to S3, `/api/submit kind=image url=<Location>`, then
 * the verdict on the submit's websocket, the only place the post's id ever appears.
 * Nothing before the submit can create a post, so those failures are plain failures.
 */

export interface ImageRun {
  /** The submit form without kind (sr, title, flags). */
  form: Record<string, string>;
  ctx: ConnectorContext;
  keeper: TokenKeeper;
  image: MediaItem;
  waitMs: number;
}

const NOT_PROCESSED = 'Reddit could not process the image';

export async function publishImage(run: ImageRun): Promise<PublishOutcome> {
  const { ctx, keeper, form } = run;
  const subreddit = form.sr ?? '';
  const file = await download(run.image, ctx);
  if ('kind' in file) return file;
  const lease = await keeper.run((token) => keeper.client.mediaAsset(token, file.filename, file.mimeType));
  if (!lease.ok) return failedOutcome(lease.failure, subreddit);
  const uploaded = await uploadToS3(lease.value, file, ctx.fetch, ctx.signal);
  if (!uploaded.ok) return failedOutcome(uploaded.failure, subreddit);
  const submitted = await keeper.run((token) =>
    keeper.client.submitImage(token, { ...form, kind: 'image', url: uploaded.location }),
  );
  if (!submitted.ok) return submitFailure(submitted.failure, subreddit, ctx.log);
  const news = await awaitImageNews(submitted.value.websocketUrl, {
    waitMs: run.waitMs,
    userAgent: keeper.client.userAgent,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (news.kind === 'silent') return { kind: 'unknown', reason: news.reason };
  if (news.kind === 'failed') {
    const error: RedditError = {
      kind: 'reddit',
      status: 200,
      code: 'failed',
      field: 'websocket',
      message: NOT_PROCESSED,
      headers: new Headers(),
    };
    return { kind: 'failed', error: { ...classifyError(error, subreddit).spec, details: NOT_PROCESSED } };
  }
  const id = fullnameOf(news.redirect);
  if (!id) return { kind: 'unknown', reason: `websocket success without a post id: ${news.redirect}` };
  return { kind: 'published', id, postUrl: news.redirect };
}
