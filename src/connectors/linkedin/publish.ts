import { failedFrom } from '../shared/error-table.ts';
import { renewingFetch } from '../shared/renewing-fetch.ts';
import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { LinkedInClient } from './client.ts';
import { parseCredentials } from './credentials.ts';
import { linkedinDeclaration } from './declaration.ts';
import {
  classifyError,
  duplicateOf,
  failedOutcome,
  LINKEDIN_TOKEN_REFUSAL,
  PLATFORM_NAME,
} from './errors.ts';
import { escapeLittleText } from './little-text.ts';
import { uploadImages } from './media.ts';

/**
 * Publishes through the Posts API. LinkedIn has no idempotency key, but it refuses
 * the same content twice with a 422 naming the existing post: that answer is the
 * success of an earlier attempt whose answer was lost, so a retry can never post twice.
 */

export function postUrl(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

/**
 * The client for the account's calls. `renew` (every call but linking): an expired token
 * is renewed once by the core and the refused request sent again (renewing-fetch.ts).
 * At link time nothing is renewed: what linking stores is the token it was given.
 */
export function clientFor(
  raw: Readonly<Record<string, unknown>>,
  ctx: ConnectorContext,
  { renew = true }: { renew?: boolean } = {},
) {
  const credentials = parseCredentials(raw);
  if (typeof credentials === 'string') return credentials;
  const client = new LinkedInClient(
    ctx.baseUrl,
    ctx.apiVersion ?? '202601',
    credentials.accessToken,
    renew ? renewingFetch(ctx, raw, LINKEDIN_TOKEN_REFUSAL) : ctx.fetch,
    ctx.signal,
  );
  return { credentials, client };
}

function altText(input: PublishInput, index: number): string | undefined {
  const given = Array.isArray(input.options.altText) ? input.options.altText[index] : undefined;
  const text = typeof given === 'string' ? given : input.media[index]?.altText;
  return text?.trim() ? text : undefined;
}

function contentOf(input: PublishInput, urns: readonly string[]): Record<string, unknown> | undefined {
  const images = urns.map((id, index) => {
    const alt = altText(input, index);
    return alt ? { id, altText: alt } : { id };
  });
  if (images.length === 0) return undefined;
  if (images.length > 1) return { multiImage: { images } };
  const title = Array.isArray(input.options.titles) ? input.options.titles[0] : undefined;
  return { media: { ...images[0], ...(typeof title === 'string' ? { title } : {}) } };
}

export function postBody(
  input: PublishInput,
  author: string,
  urns: readonly string[],
): Record<string, unknown> {
  const content = contentOf(input, urns);
  return {
    author,
    commentary: escapeLittleText(input.text),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    ...(content ? { content } : {}),
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: input.options.disableShare === true,
  };
}

export async function publishPost(input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> {
  const [problem] = linkedinDeclaration.validate?.(input) ?? [];
  if (problem) return { kind: 'failed', error: problem };
  const target = clientFor(input.account.credentials, ctx);
  if (typeof target === 'string') {
    return {
      kind: 'failed',
      error: { code: 623, platform: 'linkedin', params: { platformName: PLATFORM_NAME }, details: target },
    };
  }
  const { client, credentials } = target;
  const media = await uploadImages(input, client, credentials.author, ctx);
  if (media.kind === 'failed') return media;
  const created = await client.createPost(postBody(input, credentials.author, media.urns));
  if (created.ok) return { kind: 'published', id: created.value, postUrl: postUrl(created.value) };
  const { failure } = created;
  if (failure.kind === 'network') return failedOutcome(failure);
  // A 2xx without `x-restli-id`: LinkedIn holds the post, but Herald cannot name it.
  if (failure.status < 300) return { kind: 'unknown', reason: failure.message };
  const existing = duplicateOf(failure);
  if (existing) {
    ctx.log.info({ urn: existing }, 'linkedin: 422 duplicate names the post: published');
    return { kind: 'published', id: existing, postUrl: postUrl(existing) };
  }
  return failedFrom(classifyError(failure));
}
