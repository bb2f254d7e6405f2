import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { redditDeclaration } from './declaration.ts';
import { classifyError, describe, failedOutcome, PLATFORM_NAME } from './errors.ts';
import { parseCredentials, TokenKeeper } from './session.ts';

/**
 * Submits to `redditOptions.subreddit`: a link post with `redditOptions.link`, a text
 * post otherwise. An image is submitted as a link post to its URL (Reddit shows it):
 * Reddit's native image upload goes through its S3 bucket and reports the post id only
 * over a websocket, which Herald does not implement.
 */

export function submission(input: PublishInput): Record<string, string> {
  const { title, subreddit, link } = input.options as { title: string; subreddit: string; link?: string };
  const form: Record<string, string> = {
    sr: subreddit,
    title,
    sendreplies: 'true',
    nsfw: 'false',
    spoiler: 'false',
  };
  const image = input.media.find((item) => item.kind === 'image');
  const url = link ?? image?.url;
  // With a link, the post text is not published (as Ayrshare documents).
  return url ? { ...form, kind: 'link', url } : { ...form, kind: 'self', text: input.text };
}

export function unusable(problem: string): PublishOutcome {
  return {
    kind: 'failed',
    error: { code: 623, platform: 'reddit', params: { platformName: PLATFORM_NAME }, details: problem },
  };
}

export async function publishPost(input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> {
  const [problem] = redditDeclaration.validate?.(input) ?? [];
  if (problem) return { kind: 'failed', error: problem };
  const credentials = parseCredentials(input.account.credentials);
  if (typeof credentials === 'string') return unusable(credentials);
  const form = submission(input);
  const subreddit = form.sr as string;
  const keeper = new TokenKeeper(credentials, ctx, input.account.username);
  const submitted = await keeper.run((token) => keeper.client.submit(token, form));
  if (submitted.ok) return { kind: 'published', id: submitted.value.name, postUrl: submitted.value.url };
  const { failure } = submitted;
  // Sent, but no answer (or a 5xx, or a 200 without the post): Reddit may hold the post.
  if (failure.kind === 'network') {
    return failure.mayHaveArrived
      ? { kind: 'unknown', reason: failure.reason }
      : failedOutcome(failure, subreddit);
  }
  if (failure.status >= 500 || (failure.status < 300 && failure.code === undefined)) {
    return { kind: 'unknown', reason: describe(failure) };
  }
  const { spec, retryAfterMs } = classifyError(failure, subreddit);
  if (retryAfterMs !== undefined)
    ctx.log.info({ retryAfterMs, subreddit }, 'reddit: refused for now, retrying later');
  return retryAfterMs === undefined
    ? { kind: 'failed', error: spec }
    : { kind: 'failed', error: spec, retryAfterMs };
}
