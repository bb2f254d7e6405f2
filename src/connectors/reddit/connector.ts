import { HeraldError } from '../../errors/herald-error.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome, VerifiedAccount } from '../types.ts';
import { redditAnalytics } from './analytics.ts';
import { redditComments } from './comments.ts';
import { redditDeclaration } from './declaration.ts';
import { classifyError, PLATFORM_NAME, REDDIT_ERRORS, unreachableSpec } from './errors.ts';
import { DEFAULT_PUBLISH_OPTIONS, type PublishOptions, publishPost } from './publish.ts';
import { parseCredentials, TokenKeeper } from './session.ts';

function rejected(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** Links with GET /api/v1/me (renewing the token first if it already expired). */
async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const credentials = parseCredentials(raw);
  if (typeof credentials === 'string') throw rejected(credentials);
  const keeper = new TokenKeeper(credentials, { ...ctx, saveCredentials: async () => {} });
  const me = await keeper.run((token) => keeper.client.me(token));
  if (!me.ok) {
    const { failure } = me;
    if (failure.kind === 'network') throw new HeraldError(unreachableSpec(failure.reason));
    const { spec } = classifyError(failure, '');
    if (spec.code === 623) throw rejected(`HTTP ${failure.status}: ${failure.message}`);
    throw new HeraldError(spec);
  }
  const { id, name } = me.value;
  return {
    externalId: `t2_${id}`,
    username: name,
    displayName: `u/${name}`,
    profileUrl: `https://www.reddit.com/user/${name}/`,
    credentials: { ...keeper.current },
  };
}

/** POST /api/del with the post's fullname; Reddit answers `{}` whether or not it still existed. */
async function deletePost(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const credentials = parseCredentials(input.account.credentials);
  if (typeof credentials === 'string') {
    return {
      kind: 'failed',
      error: { code: 623, platform: 'reddit', params: { platformName: PLATFORM_NAME }, details: credentials },
    };
  }
  const keeper = new TokenKeeper(credentials, ctx, input.account.username);
  const deleted = await keeper.run((token) => keeper.client.deletePost(token, input.id));
  if (deleted.ok) return { kind: 'deleted' };
  const { failure } = deleted;
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  return { kind: 'failed', error: classifyError(failure, '').spec };
}

/** The connector; tests shorten the image websocket wait with `options`. */
export function createRedditConnector(options: Partial<PublishOptions> = {}): Connector {
  const settings = { ...DEFAULT_PUBLISH_OPTIONS, ...options };
  return {
    declaration: redditDeclaration,
    errorTable: REDDIT_ERRORS,
    verifyCredentials,
    publish: (input, ctx) => publishPost(input, ctx, settings),
    delete: deletePost,
    comments: redditComments,
    analytics: redditAnalytics,
  };
}

export const redditConnector: Connector = createRedditConnector();
