import { clientFor, readGraphAccount, verifyGraphAccount } from '../shared/graph-account.ts';
import { stringField } from '../shared/graph-client.ts';
import { unreachableSpec } from '../shared/graph-errors.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome } from '../types.ts';
import { facebookAnalytics } from './analytics.ts';
import { facebookComments } from './comments.ts';
import { facebookDeclaration } from './declaration.ts';
import { classifyAnswer, FACEBOOK_ERRORS, facebookSpec, PLATFORM_NAME } from './errors.ts';
import { CREDENTIALS } from './page.ts';
import { publishFacebook } from './publish.ts';

async function deletePost(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const account = readGraphAccount(input.account.credentials, CREDENTIALS);
  if (typeof account === 'string') return { kind: 'failed', error: facebookSpec({ code: 161 }, account) };
  // DELETE /{page-post-id} (or a video id) answers {"success": true}.
  const answer = await clientFor(account, ctx).delete([input.id]);
  if (answer.ok) return { kind: 'deleted' };
  const { failure } = answer;
  if (failure.kind === 'network')
    return { kind: 'failed', error: unreachableSpec('facebook', PLATFORM_NAME, failure.reason) };
  const classified = classifyAnswer(failure);
  // 100/33 also means "does not exist": a post removed on Facebook is no reason to relink.
  if (classified.signal.subcode === 33)
    return { kind: 'failed', error: facebookSpec({ code: 621 }, classified.words) };
  return { kind: 'failed', error: classified.spec };
}

/**
 * Facebook Pages. No reconcile: the Page API offers no key Herald chooses, so a lost
 * answer leaves the target unconfirmed (626); an explicit retry of an identical text is
 * then refused by Meta as a duplicate (#506 → 107) if the first one did land.
 */
export const facebookConnector: Connector = {
  declaration: facebookDeclaration,
  errorTable: FACEBOOK_ERRORS,
  verifyCredentials: (credentials, ctx) =>
    verifyGraphAccount(credentials, ctx, {
      platform: 'facebook',
      platformName: PLATFORM_NAME,
      names: CREDENTIALS,
      fields: 'id,name,username,link',
      table: FACEBOOK_ERRORS,
      rejects: (spec) => spec.code === 161,
      profile: (body, account) => {
        const name = stringField(body, 'name') ?? account.id;
        return {
          username: stringField(body, 'username') ?? name,
          displayName: name,
          profileUrl: stringField(body, 'link') ?? `https://www.facebook.com/${account.id}`,
        };
      },
    }),
  publish: publishFacebook,
  delete: deletePost,
  analytics: facebookAnalytics,
  comments: facebookComments,
};
