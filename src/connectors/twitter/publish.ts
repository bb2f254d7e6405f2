import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { isKeys, oauthKeys } from './byo-keys.ts';
import { type TweetBody, XClient } from './client.ts';
import { twitterDeclaration } from './declaration.ts';
import { classifyProblem, describe, failedOutcome } from './errors.ts';
import { uploadMedia } from './media.ts';
import { tweetTexts } from './thread.ts';

/**
 * Publishes a post as one tweet or a thread. X has no idempotency key, so every
 * tweet X accepted is recorded in `progress` (kept by the core across attempts and
 * retries) before the next one is sent: a later attempt resumes after the last
 * recorded tweet and never posts one twice.
 */

export function tweetUrl(username: string, id: string): string {
  return `https://x.com/${username}/status/${id}`;
}

/** Tweet ids of this target already accepted by X, in thread order. */
export function postedSegments(progress: Readonly<Record<string, unknown>> | null | undefined): string[] {
  const segments = progress?.segments;
  return Array.isArray(segments) ? segments.filter((id): id is string => typeof id === 'string') : [];
}

export function clientFor(input: PublishInput, ctx: ConnectorContext): XClient | PublishOutcome {
  const keys = oauthKeys(input.requestSecrets, input.account.credentials);
  if (!isKeys(keys)) return { kind: 'failed', error: keys };
  return new XClient(ctx.baseUrl, ctx.apiVersion ?? '2', keys, ctx.fetch, ctx.signal);
}

function bodyOf(
  input: PublishInput,
  text: string,
  index: number,
  mediaIds: string[],
  replyTo?: string,
): TweetBody {
  const body: TweetBody = { text };
  if (replyTo) body.reply = { in_reply_to_tweet_id: replyTo };
  if (index > 0) return body;
  // Media, poll and quote belong to the first tweet of a thread.
  if (mediaIds.length > 0) body.media = { media_ids: mediaIds };
  const { poll, quoteTweetId } = input.options as {
    poll?: { duration: number; options: string[] };
    quoteTweetId?: string;
  };
  if (poll) body.poll = { options: poll.options, duration_minutes: poll.duration };
  if (quoteTweetId) body.quote_tweet_id = quoteTweetId;
  return body;
}

function published(input: PublishInput, posted: string[]): PublishOutcome {
  const [first] = posted as [string];
  return { kind: 'published', id: first, postUrl: tweetUrl(input.account.username, first) };
}

export async function publishTweets(input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> {
  const [problem] = twitterDeclaration.validate?.(input) ?? [];
  if (problem) return { kind: 'failed', error: problem };
  const client = clientFor(input, ctx);
  if (!(client instanceof XClient)) return client;
  const texts = tweetTexts(input.text, input.options);
  const posted = postedSegments(ctx.progress.load());
  if (posted.length >= texts.length) return published(input, posted);
  if (posted.length > 0)
    ctx.log.info({ resumeAt: posted.length + 1, of: texts.length }, 'x: resuming thread');

  let mediaIds: string[] = [];
  if (posted.length === 0 && input.media.length > 0) {
    const media = await uploadMedia(input, client, ctx);
    if (media.kind === 'failed') return media;
    mediaIds = media.ids;
  }
  for (let index = posted.length; index < texts.length; index += 1) {
    const created = await client.createTweet(
      bodyOf(input, texts[index] ?? '', index, mediaIds, posted.at(-1)),
    );
    if (created.ok) {
      posted.push(created.value.id);
      // Saved before the next tweet leaves; a failure to save stops the thread here (the core sees it throw).
      await ctx.progress.save({ segments: [...posted] });
      continue;
    }
    const { failure } = created;
    // Sent, but no answer: X may hold the tweet. Only an explicit retry may send it again.
    if (failure.kind === 'network') {
      return failure.mayHaveArrived
        ? { kind: 'unknown', reason: failure.reason }
        : failedOutcome(failure, 'tweet');
    }
    // A 2xx without a readable id, or a 5xx: X may have created it all the same.
    if (failure.status < 300 || failure.status >= 500) return { kind: 'unknown', reason: describe(failure) };
    const classified = classifyProblem(failure, 'tweet');
    if (classified.spec.code === 110)
      ctx.log.warn({ x: describe(failure) }, 'x: 403 about:blank reported as 110');
    return classified.retryAfterMs === undefined
      ? { kind: 'failed', error: classified.spec }
      : { kind: 'failed', error: classified.spec, retryAfterMs: classified.retryAfterMs };
  }
  return published(input, posted);
}
