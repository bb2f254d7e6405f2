import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { redditDeclaration } from './declaration.ts';
import { PLATFORM_NAME, submitFailure } from './errors.ts';
import { publishImage } from './image-post.ts';
import { parseCredentials, TokenKeeper } from './session.ts';

/**
 * Submits to `redditOptions.subreddit`: a link post with `redditOptions.link`, a native
 * image post with an image (image-post.ts), a text post otherwise.
 */

export interface PublishOptions {
  /** How long to wait for the image post's websocket verdict before calling it unknown. */
  imageWaitMs: number;
}

export const DEFAULT_PUBLISH_OPTIONS: PublishOptions = { imageWaitMs: 30_000 };

/** The submit form shared by every kind: the caller adds kind and its content. */
export function baseForm(input: PublishInput): Record<string, string> {
  const { title, subreddit } = input.options as { title: string; subreddit: string };
  return { sr: subreddit, title, sendreplies: 'true', nsfw: 'false', spoiler: 'false' };
}

export function unusable(problem: string): PublishOutcome {
  return {
    kind: 'failed',
    error: { code: 623, platform: 'reddit', params: { platformName: PLATFORM_NAME }, details: problem },
  };
}

export async function publishPost(
  input: PublishInput,
  ctx: ConnectorContext,
  options: PublishOptions = DEFAULT_PUBLISH_OPTIONS,
): Promise<PublishOutcome> {
  const [problem] = redditDeclaration.validate?.(input) ?? [];
  if (problem) return { kind: 'failed', error: problem };
  const credentials = parseCredentials(input.account.credentials);
  if (typeof credentials === 'string') return unusable(credentials);
  const keeper = new TokenKeeper(credentials, ctx, input.account.username);
  const { link } = input.options as { link?: string };
  const image = input.media.find((item) => item.kind === 'image');
  // With a link, the post text and any image are not published (as Ayrshare documents).
  if (!link && image)
    return publishImage({ form: baseForm(input), ctx, keeper, image, waitMs: options.imageWaitMs });
  const form: Record<string, string> = link
    ? { ...baseForm(input), kind: 'link', url: link }
    : { ...baseForm(input), kind: 'self', text: input.text };
  const submitted = await keeper.run((token) => keeper.client.submit(token, form));
  if (submitted.ok) return { kind: 'published', id: submitted.value.name, postUrl: submitted.value.url };
  return submitFailure(submitted.failure, form.sr ?? '', ctx.log);
}
