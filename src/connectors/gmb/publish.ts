import { GoogleAccessToken } from '../shared/google-token.ts';
import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { GmbClient, LOCATION_NAME, type LocalPost } from './client.ts';
import { gmbDeclaration } from './declaration.ts';
import { createFailure, PLATFORM_NAME } from './errors.ts';
import { localPostBody } from './post-body.ts';

/**
 * Creates the local post. Google takes no idempotency key and the reference documents
 * no way to find a post by anything Herald chose (a summary is not unique), so the
 * create is sent at most once per attempt and a lost answer is unknown (626).
 */

/** Where a post with no `searchUrl` yet (still PROCESSING) can be found: the profile manager. */
export const FALLBACK_POST_URL = 'https://business.google.com/';

export function locationOf(credentials: Readonly<Record<string, unknown>>): string | undefined {
  const given = typeof credentials.locationName === 'string' ? credentials.locationName.trim() : '';
  return LOCATION_NAME.test(given) ? given : undefined;
}

/** A client for these credentials, or what is missing from them. */
export function clientFor(
  credentials: Readonly<Record<string, unknown>>,
  ctx: ConnectorContext,
): GmbClient | string {
  const token = typeof credentials.accessToken === 'string' ? credentials.accessToken.trim() : '';
  if (!token) return 'accessToken is required (a Google OAuth token with the business.manage scope)';
  const auth = new GoogleAccessToken(credentials, ctx, token, 'gmb');
  return new GmbClient(ctx.baseUrl, ctx.apiVersion ?? 'v4', auth, ctx.fetch, ctx.signal);
}

export function unusable(problem: string): PublishOutcome & { kind: 'failed' } {
  return {
    kind: 'failed',
    error: { code: 623, platform: 'gmb', params: { platformName: PLATFORM_NAME }, details: problem },
  };
}

function isHttpsUrl(value: string | undefined): value is string {
  return typeof value === 'string' && value.startsWith('https://') && URL.canParse(value);
}

/** LIVE and PROCESSING are posts Google accepted; REJECTED is a refusal of the content (622). */
export function outcomeOf(post: LocalPost): PublishOutcome {
  if (post.state === 'REJECTED') {
    const details = `Google rejected the post (state REJECTED; ${post.name}): it does not meet Google’s content policies. Change the text or image, then retry.`;
    return {
      kind: 'failed',
      error: { code: 622, platform: 'gmb', params: { platformName: PLATFORM_NAME }, details },
    };
  }
  const postUrl = isHttpsUrl(post.searchUrl) ? post.searchUrl : FALLBACK_POST_URL;
  return { kind: 'published', id: post.name, postUrl };
}

export async function publishPost(input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> {
  // Scheduled posts were validated when accepted; the rules may have changed since.
  const [problem] = gmbDeclaration.validate?.(input) ?? [];
  if (problem) return { kind: 'failed', error: problem };
  const location = locationOf(input.account.credentials);
  if (!location) return unusable('the stored locationName is not accounts/{a}/locations/{l}: link again');
  const client = clientFor(input.account.credentials, ctx);
  if (typeof client === 'string') return unusable(client);
  const created = await client.createPost(location, localPostBody(input));
  return created.ok ? outcomeOf(created.value) : createFailure(created.failure);
}
