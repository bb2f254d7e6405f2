import { renewingFetch } from '../shared/renewing-fetch.ts';
import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { PinterestClient } from './client.ts';
import { createFailure, PINTEREST_TOKEN_REFUSAL, PLATFORM_NAME } from './errors.ts';
import { boardOf, imageSource, pinBody, videoSource } from './pin-body.ts';
import { readyVideo, type VideoTiming } from './video.ts';

/**
 * Creates the pin. Pinterest has no idempotency key and the reference documents no
 * way to look a pin up by anything Herald chose, so the create is sent at most once
 * per attempt and a lost answer is `unknown` (626 unconfirmed, see errors.ts).
 */

export function pinUrl(id: string): string {
  return `https://www.pinterest.com/pin/${id}/`;
}

/**
 * The client for the account's calls. `renew` (every call but linking): an expired token
 * is renewed once by the core and the refused request sent again (renewing-fetch.ts).
 * At link time nothing is renewed: what linking stores is the token it was given.
 */
export function clientFor(
  credentials: Readonly<Record<string, unknown>>,
  ctx: ConnectorContext,
  { renew = true }: { renew?: boolean } = {},
): PinterestClient | string {
  const token = typeof credentials.accessToken === 'string' ? credentials.accessToken.trim() : '';
  if (!token) return 'accessToken is required';
  const fetchFn = renew ? renewingFetch(ctx, credentials, PINTEREST_TOKEN_REFUSAL) : ctx.fetch;
  return new PinterestClient(ctx.baseUrl, ctx.apiVersion ?? 'v5', token, fetchFn, ctx.signal);
}

export function unusable(problem: string): PublishOutcome & { kind: 'failed' } {
  return {
    kind: 'failed',
    error: { code: 623, platform: 'pinterest', params: { platformName: PLATFORM_NAME }, details: problem },
  };
}

export async function publishPin(
  input: PublishInput,
  ctx: ConnectorContext,
  timing: VideoTiming,
): Promise<PublishOutcome> {
  const client = clientFor(input.account.credentials, ctx);
  if (typeof client === 'string') return unusable(client);
  const board = boardOf(input);
  if (!board)
    return unusable('no boardId: link the account with a default board or set pinterestOptions.boardId');
  let source = imageSource(input);
  if (input.media[0]?.kind === 'video') {
    const video = await readyVideo(input, client, ctx, timing);
    if ('kind' in video) return video;
    source = videoSource(input, video.mediaId);
  }
  const created = await client.createPin(pinBody(input, board, source));
  if (created.ok) return { kind: 'published', id: created.value, postUrl: pinUrl(created.value) };
  return createFailure(created.failure);
}
