import type { ErrorSpec } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome, VerifiedAccount } from '../types.ts';
import { twitterAnalytics } from './analytics.ts';
import { isKeys, oauthKeys, type RequestSecrets } from './byo-keys.ts';
import { XClient } from './client.ts';
import { twitterComments } from './comments.ts';
import { twitterDeclaration } from './declaration.ts';
import { classifyProblem, PLATFORM_NAME, unreachableSpec, X_ERRORS } from './errors.ts';
import { postedSegments, publishTweets } from './publish.ts';

function rejectedCredentials(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/**
 * Linking checks the tokens with X (GET /2/users/me), signed with the BYO keys of the
 * link request. Only the account's token and secret are stored; the keys never are.
 */
async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
  requestSecrets?: RequestSecrets,
): Promise<VerifiedAccount> {
  const keys = oauthKeys(requestSecrets, raw);
  if (!isKeys(keys)) {
    if (keys.code === 623) throw rejectedCredentials(keys.details ?? 'accessToken is required');
    throw new HeraldError(keys);
  }
  const client = new XClient(ctx.baseUrl, ctx.apiVersion ?? '2', keys, ctx.fetch, ctx.signal);
  const me = await client.me();
  if (!me.ok) {
    const { failure } = me;
    if (failure.kind === 'network') throw new HeraldError(unreachableSpec(failure.reason));
    const { spec } = classifyProblem(failure, 'other');
    // At link time a 401 means these tokens do not belong to the app whose keys came with the request.
    if (failure.status === 401) throw rejectedCredentials(spec.details ?? 'Unauthorized');
    throw new HeraldError(spec);
  }
  // A read-only Access Token would fail every post with 417: refuse it now.
  if (me.headers.get('x-access-level') === 'read') throw new HeraldError({ code: 417, platform: 'twitter' });
  const { id, username, name } = me.value;
  return {
    externalId: id,
    username,
    displayName: name,
    profileUrl: `https://x.com/${username}`,
    credentials: { accessToken: keys.token, accessTokenSecret: keys.tokenSecret },
  };
}

function deleteFailed(error: ErrorSpec): DeleteOutcome {
  return { kind: 'failed', error };
}

/** Deletes the tweet, and every tweet of its thread (replies first). A tweet already gone counts as deleted. */
async function deleteTweets(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const keys = oauthKeys(input.requestSecrets, input.account.credentials);
  if (!isKeys(keys)) return deleteFailed(keys);
  const client = new XClient(ctx.baseUrl, ctx.apiVersion ?? '2', keys, ctx.fetch, ctx.signal);
  const thread = postedSegments(input.progress);
  const ids = thread[0] === input.id ? thread : [input.id];
  for (const id of [...ids].reverse()) {
    const deleted = await client.deleteTweet(id);
    if (deleted.ok) continue;
    const { failure } = deleted;
    if (failure.kind === 'network') return deleteFailed(unreachableSpec(failure.reason));
    if (failure.status === 404) continue;
    return deleteFailed(classifyProblem(failure, 'other').spec);
  }
  return { kind: 'deleted' };
}

export const twitterConnector: Connector = {
  declaration: twitterDeclaration,
  errorTable: X_ERRORS,
  verifyCredentials,
  publish: publishTweets,
  delete: deleteTweets,
  comments: twitterComments,
  analytics: twitterAnalytics,
};
