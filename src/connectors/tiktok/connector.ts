import { HeraldError } from '../../errors/herald-error.ts';
import type { Connector, ConnectorContext, VerifiedAccount } from '../types.ts';
import { tiktokAnalytics } from './analytics.ts';
import { type Failure, TikTokClient } from './client.ts';
import { tiktokComments } from './comments.ts';
import { tiktokDeclaration } from './declaration.ts';
import { describeFailure, PLATFORM_NAME, TIKTOK_ERRORS } from './errors.ts';
import { DEFAULT_CHUNK_BYTES } from './media.ts';
import { pollPublish } from './poll.ts';
import { publishWith } from './publish.ts';
import { parseCredentials, TokenKeeper } from './session.ts';

function rejected(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** At link time any refusal means these credentials do not work; no answer is an outage. */
function linkFailure(failure: Failure): HeraldError {
  if (failure.kind === 'network') {
    return new HeraldError({ code: 625, params: { platformName: PLATFORM_NAME }, details: failure.reason });
  }
  return rejected(describeFailure(failure));
}

/** Links with a user access token: user info gives the open_id, creator info the @username. */
async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const credentials = parseCredentials(raw);
  if (typeof credentials === 'string') throw rejected(credentials);
  const client = new TikTokClient(ctx.baseUrl, ctx.apiVersion ?? 'v2', ctx.fetch, ctx.signal);
  const keeper = new TokenKeeper(client, credentials, ctx);
  const user = await keeper.run((token) =>
    client.call(token, 'GET', '/user/info/?fields=open_id,union_id,avatar_url,display_name'),
  );
  if (!user.ok) throw linkFailure(user.failure);
  const creator = await keeper.run((token) =>
    client.call(token, 'POST', '/post/publish/creator_info/query/'),
  );
  if (!creator.ok) throw linkFailure(creator.failure);
  const profile = user.value.user;
  const info = typeof profile === 'object' && profile !== null ? (profile as Record<string, unknown>) : {};
  const openId = typeof info.open_id === 'string' ? info.open_id : (keeper.credentials.openId ?? '');
  const username =
    typeof creator.value.creator_username === 'string' ? creator.value.creator_username : openId;
  const nickname =
    typeof creator.value.creator_nickname === 'string' ? creator.value.creator_nickname : undefined;
  const displayName = typeof info.display_name === 'string' ? info.display_name : (nickname ?? username);
  if (!openId) throw rejected('TikTok answered without the user’s open_id');
  return {
    externalId: openId,
    username,
    displayName,
    profileUrl: `https://www.tiktok.com/@${username}`,
    credentials: { ...keeper.credentials, openId },
  };
}

/** `chunkBytes` is a parameter so tests can upload in several chunks. */
export function createTiktokConnector(options: { chunkBytes?: number } = {}): Connector {
  return {
    declaration: tiktokDeclaration,
    errorTable: TIKTOK_ERRORS,
    verifyCredentials,
    publish: publishWith(options.chunkBytes ?? DEFAULT_CHUNK_BYTES),
    poll: pollPublish,
    comments: tiktokComments,
    analytics: tiktokAnalytics,
  };
}

export const tiktokConnector = createTiktokConnector();
