import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { describeFailure, failReasonSpec } from './errors.ts';
import { POLL_AFTER_MS, sessionFor } from './outcomes.ts';
import { videoUrl } from './urls.ts';

/** A public post id appears only after moderation (usually a minute, sometimes hours): ask less often. */
const NO_PUBLIC_ID_POLL_MS = 10 * 60_000;
/**
 * A post TikTok published but never made public (SELF_ONLY, which TikTok forces on every
 * post of an unaudited app) never gets a public id. Past TikTok's own webhook retry window
 * (72 h), Herald stops waiting for one and records the post as published under its publish id.
 */
export const NO_PUBLIC_ID_GIVE_UP_MS = 72 * 3_600_000;
/** Progress key: when the status fetch first said PUBLISH_COMPLETE without a public id. */
const COMPLETE_SINCE = 'completeWithoutPublicIdSince';

/**
 * `publicaly_available_post_id` (TikTok's spelling) is an array of ids, sometimes a
 * single value; the client keeps ids of 16+ digits as strings so none is rounded.
 */
export function publicPostId(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string' && first !== '') return first;
  if (typeof first === 'number' && Number.isSafeInteger(first)) return String(first);
  return undefined;
}

export function publishedOutcome(username: string, id: string): PublishOutcome {
  return { kind: 'published', id, postUrl: videoUrl(username, id) };
}

/** Published but not public: no video URL exists; the id is TikTok's publish id, the URL the creator's profile. */
function privateOutcome(username: string, publishId: string): PublishOutcome {
  return {
    kind: 'published',
    id: publishId,
    postUrl: `https://www.tiktok.com/@${encodeURIComponent(username)}`,
    extra: { publicId: null },
  };
}

/** PUBLISH_COMPLETE without a public id: private for good, or still in moderation. */
async function completeWithoutPublicId(
  ref: string,
  input: PublishInput,
  ctx: ConnectorContext,
  now = Date.now(),
): Promise<PublishOutcome> {
  // The creator asked for SELF_ONLY: TikTok will never make it public.
  if (input.options.visibility === 'private') return privateOutcome(input.account.username, ref);
  const progress = ctx.progress.load() ?? {};
  const since =
    typeof progress[COMPLETE_SINCE] === 'number' ? (progress[COMPLETE_SINCE] as number) : undefined;
  if (since === undefined) await ctx.progress.save({ ...progress, [COMPLETE_SINCE]: now });
  else if (now - since >= NO_PUBLIC_ID_GIVE_UP_MS) return privateOutcome(input.account.username, ref);
  return { kind: 'pending', ref, pollAfterMs: NO_PUBLIC_ID_POLL_MS };
}

/** TikTok's status fetch, for a `pending` target: published with the real id, failed, or later. */
export async function pollPublish(
  ref: string,
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<PublishOutcome> {
  const session = sessionFor(input, ctx);
  if (typeof session === 'string') return { kind: 'unknown', reason: session };
  const fetched = await session.keeper.run((token) =>
    session.client.call(token, 'POST', '/post/publish/status/fetch/', { publish_id: ref }),
  );
  // A failed status fetch says nothing about the post: ask again later.
  if (!fetched.ok) return { kind: 'unknown', reason: describeFailure(fetched.failure) };
  const { status } = fetched.value;
  if (status === 'FAILED') {
    const reason = typeof fetched.value.fail_reason === 'string' ? fetched.value.fail_reason : 'unknown';
    return { kind: 'failed', error: failReasonSpec(reason) };
  }
  if (status === 'PUBLISH_COMPLETE') {
    const id = publicPostId(fetched.value.publicaly_available_post_id);
    if (id) return publishedOutcome(input.account.username, id);
    return completeWithoutPublicId(ref, input, ctx);
  }
  return { kind: 'pending', ref, pollAfterMs: POLL_AFTER_MS };
}
