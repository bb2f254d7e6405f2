import { HeraldError } from '../../errors/herald-error.ts';
import { redirectRefusal } from '../shared/link-redirect.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome, VerifiedAccount } from '../types.ts';
import { blueskyAnalytics } from './analytics.ts';
import { XrpcClient } from './client.ts';
import { blueskyComments } from './comments.ts';
import { blueskyDeclaration } from './declaration.ts';
import { BLUESKY_ERRORS, classifyFailure, PLATFORM_NAME, unreachableSpec } from './errors.ts';
import { POST_COLLECTION, publishPost, reconcilePost } from './publish.ts';
import { fetchForService } from './service-fetch.ts';
import { parseCredentials, SessionKeeper, toStored } from './session.ts';

function rejectedCredentials(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

async function displayNameOf(client: XrpcClient, did: string): Promise<string | undefined> {
  // The profile record lives on the PDS itself: no AppView needed.
  const profile = await client.getRecord({ repo: did, collection: 'app.bsky.actor.profile', rkey: 'self' });
  const name = profile.ok ? profile.value.value.displayName : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const credentials = parseCredentials(raw, ctx.baseUrl);
  if (typeof credentials === 'string') throw rejectedCredentials(credentials);
  const client = new XrpcClient(credentials.service, fetchForService(credentials.service, ctx), ctx.signal);
  const created = await client.createSession(credentials.identifier, credentials.appPassword);
  if (!created.ok) {
    const { failure } = created;
    // A service on an address Herald will not reach: no retry can help, the link is refused.
    if (failure.kind === 'network' && failure.refused)
      throw rejectedCredentials(`Herald does not connect to this service: ${failure.reason}`);
    if (failure.kind === 'network') throw new HeraldError(unreachableSpec(failure.reason));
    const redirect = redirectRefusal(failure.status, failure.headers);
    if (redirect) throw rejectedCredentials(`Herald does not connect to this service: ${redirect}`);
    const { spec } = classifyFailure(failure);
    // At link time an authorization failure means these credentials are wrong, not that a relink is due.
    if (spec.code === 623)
      throw rejectedCredentials(`${failure.error ?? failure.status}: ${failure.message}`);
    throw new HeraldError(spec);
  }
  const session = created.value;
  return {
    externalId: session.did,
    username: session.handle,
    displayName: (await displayNameOf(client, session.did)) ?? session.handle,
    profileUrl: `https://bsky.app/profile/${session.handle}`,
    credentials: toStored({ ...credentials, session }),
  };
}

/** `at://<did>/<collection>/<rkey>` of a Bluesky post. */
function parsePostUri(uri: string): { repo: string; rkey: string } | undefined {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri);
  if (!match?.[1] || !match[3] || match[2] !== POST_COLLECTION) return undefined;
  return { repo: match[1], rkey: match[3] };
}

function deleteRefused(details: string): DeleteOutcome {
  return {
    kind: 'failed',
    error: { code: 621, platform: 'bluesky', params: { platformName: PLATFORM_NAME }, details },
  };
}

async function deletePost(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const where = parsePostUri(input.id);
  if (!where) return deleteRefused(`not a Bluesky post uri: ${input.id}`);
  const credentials = parseCredentials(input.account.credentials, ctx.baseUrl);
  if (typeof credentials === 'string') return deleteRefused(credentials);
  const client = new XrpcClient(credentials.service, fetchForService(credentials.service, ctx), ctx.signal);
  const keeper = new SessionKeeper(client, credentials, ctx);
  // Deleting a record that is already gone succeeds: a repeated delete is harmless.
  const deleted = await keeper.run((token) =>
    client.deleteRecord(token, { repo: where.repo, collection: POST_COLLECTION, rkey: where.rkey }),
  );
  if (deleted.ok) return { kind: 'deleted' };
  const { failure } = deleted;
  return {
    kind: 'failed',
    error: failure.kind === 'network' ? unreachableSpec(failure.reason) : classifyFailure(failure).spec,
  };
}

export const blueskyConnector: Connector = {
  declaration: blueskyDeclaration,
  errorTable: BLUESKY_ERRORS,
  analytics: blueskyAnalytics,
  verifyCredentials,
  publish: publishPost,
  reconcile: reconcilePost,
  delete: deletePost,
  comments: blueskyComments,
};
