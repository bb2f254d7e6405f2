import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { describeFailure, failReasonSpec } from './errors.ts';
import { POLL_AFTER_MS, sessionFor } from './outcomes.ts';
import { videoUrl } from './urls.ts';

/** A public post id appears only after moderation; a private post never gets one: ask less often. */
const NO_PUBLIC_ID_POLL_MS = 10 * 60_000;

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
    return { kind: 'pending', ref, pollAfterMs: NO_PUBLIC_ID_POLL_MS };
  }
  return { kind: 'pending', ref, pollAfterMs: POLL_AFTER_MS };
}
