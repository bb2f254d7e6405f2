import { clientFor, readGraphAccount } from '../shared/graph-account.ts';
import type { GraphClient, GraphFailure } from '../shared/graph-client.ts';
import { isObject } from '../shared/graph-client.ts';
import { BACKOFF_MS, headerWaitSeconds, networkOutcome } from '../shared/graph-errors.ts';
import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { classifyAnswer, PLATFORM_NAME } from './errors.ts';

export const CREDENTIALS = { id: 'pageId', token: 'pageAccessToken' } as const;

/** Without a header saying when, a throttled Page waits an hour. */
const DEFAULT_RETRY_AFTER_S = 3600;

/**
 * What a multi-step Page publish already did (unpublished photos, a started video
 * upload), kept in `ctx.progress` so a retry reuses it. None of these steps is visible
 * on the Page; only the last call publishes.
 */
export interface FacebookProgress {
  targetId: string;
  photoIds?: string[];
  videoId?: string;
  uploadUrl?: string;
  uploaded?: boolean;
}

/** One publish of one target: the Page, its client and stored progress. */
export interface Page {
  input: PublishInput;
  ctx: ConnectorContext;
  client: GraphClient;
  pageId: string;
  progress: FacebookProgress;
}

function loadProgress(ctx: ConnectorContext, targetId: string): FacebookProgress {
  const raw = ctx.progress.load();
  if (!isObject(raw) || raw.targetId !== targetId) return { targetId };
  const progress: FacebookProgress = { targetId };
  if (Array.isArray(raw.photoIds) && raw.photoIds.every((id) => typeof id === 'string'))
    progress.photoIds = raw.photoIds;
  if (typeof raw.videoId === 'string') progress.videoId = raw.videoId;
  if (typeof raw.uploadUrl === 'string') progress.uploadUrl = raw.uploadUrl;
  if (raw.uploaded === true) progress.uploaded = true;
  return progress;
}

export function startPage(input: PublishInput, ctx: ConnectorContext): Page | string {
  const account = readGraphAccount(input.account.credentials, CREDENTIALS);
  if (typeof account === 'string') return account;
  return {
    input,
    ctx,
    client: clientFor(account, ctx),
    pageId: account.id,
    progress: loadProgress(ctx, input.targetId),
  };
}

/** Best effort: a step lost here is only done again (it publishes nothing). */
export async function saveProgress(page: Page, next: FacebookProgress): Promise<void> {
  page.progress = next;
  try {
    await page.ctx.progress.save({ ...next });
  } catch (error) {
    page.ctx.log.warn({ error: String(error) }, 'facebook: could not store publish progress');
  }
}

/**
 * The outcome of a failed call. `publishing` marks the call that makes the post visible:
 * a server error there may hide a published post, and Facebook offers no way to look it
 * up, so it is unknown; before it, nothing is visible and a delayed retry is safe.
 */
export function failedCall(failure: GraphFailure, publishing: boolean): PublishOutcome {
  if (failure.kind === 'network') return networkOutcome(failure, 'facebook', PLATFORM_NAME, publishing);
  const { row, spec, words } = classifyAnswer(failure);
  if (row.retry === 'backoff') {
    return publishing
      ? { kind: 'unknown', reason: `HTTP ${failure.status}: ${words}` }
      : { kind: 'failed', error: spec, retryAfterMs: BACKOFF_MS };
  }
  if (row.retry === 'after-reset') {
    const retryAfter = headerWaitSeconds(failure.headers) ?? DEFAULT_RETRY_AFTER_S;
    return { kind: 'failed', error: { ...spec, params: { ...spec.params, retryAfter } } };
  }
  return { kind: 'failed', error: spec };
}

/** A Page post id is `{page-id}_{post-id}`; videos and reels have a plain id. */
export function postUrlOf(id: string, kind: 'post' | 'video' | 'reel', pageId: string): string {
  if (kind === 'reel') return `https://www.facebook.com/reel/${id}`;
  if (kind === 'video') return `https://www.facebook.com/${pageId}/videos/${id}`;
  const [page, post] = id.split('_');
  return post ? `https://www.facebook.com/${page}/posts/${post}` : `https://www.facebook.com/${id}`;
}
