import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { type RecordKey, type RecordRef, XrpcClient } from './client.ts';
import { blueskyDeclaration } from './declaration.ts';
import { failedOutcome, PLATFORM_NAME } from './errors.ts';
import { type ImagesEmbed, uploadImages } from './media.ts';
import { rkeyFor } from './rkey.ts';
import { fetchForService } from './service-fetch.ts';
import { type BlueskyCredentials, parseCredentials, SessionKeeper } from './session.ts';
import { detectLinkFacets } from './text.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';

export function postUrl(handle: string, rkey: string): string {
  return `https://bsky.app/profile/${handle}/post/${rkey}`;
}

function published(ref: RecordRef, handle: string, rkey: string): PublishOutcome {
  return { kind: 'published', id: ref.uri, postUrl: postUrl(handle, rkey), extra: { cid: ref.cid } };
}

/** Stored credentials that no longer parse can only be fixed by linking again. */
function unusable(problem: string): PublishOutcome {
  return {
    kind: 'failed',
    error: { code: 623, platform: 'bluesky', params: { platformName: PLATFORM_NAME }, details: problem },
  };
}

interface Target {
  credentials: BlueskyCredentials;
  client: XrpcClient;
  key: RecordKey;
}

function targetOf(input: PublishInput, ctx: ConnectorContext): Target | string {
  const credentials = parseCredentials(input.account.credentials, ctx.baseUrl);
  if (typeof credentials === 'string') return credentials;
  const repo = credentials.session?.did ?? input.account.externalId;
  return {
    credentials,
    client: new XrpcClient(credentials.service, fetchForService(credentials.service, ctx), ctx.signal),
    key: { repo, collection: POST_COLLECTION, rkey: rkeyFor(input.targetId) },
  };
}

function buildRecord(input: PublishInput, embed: ImagesEmbed | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = {
    $type: POST_COLLECTION,
    text: input.text,
    createdAt: new Date().toISOString(),
  };
  const langs = Array.isArray(input.options.langs)
    ? input.options.langs.filter((lang): lang is string => typeof lang === 'string')
    : [];
  if (langs.length > 0) record.langs = langs;
  const facets = detectLinkFacets(input.text);
  if (facets.length > 0) record.facets = facets;
  if (embed) record.embed = embed;
  return record;
}

/**
 * Writes the post at the record key derived from the target, create-only. A retry
 * of the same target (after a crash, a timeout, a re-queue) finds its own record
 * instead of creating a second post.
 */
export async function publishPost(input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> {
  const [problem] = blueskyDeclaration.validate?.(input) ?? [];
  if (problem) return { kind: 'failed', error: problem };
  const target = targetOf(input, ctx);
  if (typeof target === 'string') return unusable(target);
  const { client, key } = target;
  const keeper = new SessionKeeper(client, target.credentials, ctx);
  const media = await uploadImages(input, client, keeper, ctx.fetchMedia, ctx.signal);
  if (media.kind === 'failed') return media;
  const record = buildRecord(input, media.embed);
  const put = await keeper.run((token) => client.putRecord(token, { ...key, record, swapRecord: null }));
  const handle = keeper.session?.handle ?? input.account.username;
  if (put.ok) return published(put.value, handle, key.rkey);
  const { failure } = put;
  if (failure.kind === 'network') {
    return failure.mayHaveArrived ? { kind: 'unknown', reason: failure.reason } : failedOutcome(failure);
  }
  // A success status with a body we could not read: the post is probably there.
  if (failure.status < 300) return { kind: 'unknown', reason: failure.message };
  if (failure.error === 'InvalidSwap') {
    // Our key already holds a record: an earlier attempt of this very target wrote it
    // (its createdAt differs, hence no silent no-op). That record is the post.
    const existing = await client.getRecord(key);
    if (existing.ok) return published(existing.value, handle, key.rkey);
    return { kind: 'unknown', reason: `${key.rkey} exists but could not be read back` };
  }
  return failedOutcome(failure);
}

/** Looks the post up at the target's record key: found, certainly absent, or still unknown. */
export async function reconcilePost(
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<PublishOutcome | { kind: 'not-found' }> {
  const target = targetOf(input, ctx);
  if (typeof target === 'string') return unusable(target);
  const found = await target.client.getRecord(target.key);
  const handle = target.credentials.session?.handle ?? input.account.username;
  if (found.ok) return published(found.value, handle, target.key.rkey);
  const { failure } = found;
  if (failure.kind === 'xrpc' && failure.error === 'RecordNotFound') return { kind: 'not-found' };
  const reason =
    failure.kind === 'network' ? failure.reason : `${failure.error ?? failure.status}: ${failure.message}`;
  return { kind: 'unknown', reason };
}
