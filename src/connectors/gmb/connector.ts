import { HeraldError } from '../../errors/herald-error.ts';
import { refreshFieldsOf } from '../shared/google-token.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome, VerifiedAccount } from '../types.ts';
import { gmbAnalytics } from './analytics.ts';
import { POST_NAME } from './client.ts';
import { gmbDeclaration } from './declaration.ts';
import { classifyError, GMB_ERRORS, PLATFORM_NAME, unreachableSpec } from './errors.ts';
import { clientFor, locationOf, publishPost } from './publish.ts';
import type { GmbFailure } from './wire.ts';

function rejected(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** At link time a refusal means these credentials (or this location) are wrong, not that a relink is due. */
function linkFailure(failure: GmbFailure): HeraldError {
  if (failure.kind === 'network') return new HeraldError(unreachableSpec(failure.reason));
  const { spec } = classifyError(failure);
  if (spec.code === 623 || spec.code === 622) return rejected(spec.details ?? failure.message);
  return new HeraldError(spec);
}

/**
 * The reference documents no account or location lookup, so linking lists one local
 * post of the location (`GET …/localPosts?pageSize=1`): it proves the token works and
 * that its Google account manages this location. The location's name is the account.
 */
async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const location = locationOf(raw);
  if (!location) throw rejected('locationName must be accounts/{accountId}/locations/{locationId}');
  const client = clientFor(raw, ctx);
  if (typeof client === 'string') throw rejected(client);
  const listed = await client.listPosts(location);
  if (!listed.ok) throw linkFailure(listed.failure);
  const locationId = location.split('/').at(-1) ?? location;
  return {
    externalId: location,
    username: location,
    displayName: `Business Profile location ${locationId}`,
    profileUrl: 'https://business.google.com/',
    // An expired token linked with refresh credentials was renewed above: keep the new one.
    credentials: { locationName: location, accessToken: client.accessToken, ...refreshFieldsOf(raw) },
  };
}

/** `DELETE …/localPosts/{id}` → `{}`. A post already gone (404) counts as deleted. */
async function deletePost(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const location = locationOf(input.account.credentials);
  const client = clientFor(input.account.credentials, ctx);
  const failed = (details: string): DeleteOutcome => ({
    kind: 'failed',
    error: { code: 623, platform: 'gmb', params: { platformName: PLATFORM_NAME }, details },
  });
  if (typeof client === 'string') return failed(client);
  // Only a post of the linked location, named as Google named it: the id goes into the path.
  if (!location || !POST_NAME.test(input.id) || !input.id.startsWith(`${location}/localPosts/`))
    return failed(`${input.id} is not a local post of the linked location`);
  const deleted = await client.deletePost(input.id);
  if (deleted.ok) return { kind: 'deleted' };
  const { failure } = deleted;
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  if (failure.status === 404) return { kind: 'deleted' };
  return { kind: 'failed', error: classifyError(failure).spec };
}

/** No `reconcile`: nothing Herald chose can find a local post again (see publish.ts). */
export const gmbConnector: Connector = {
  declaration: gmbDeclaration,
  errorTable: GMB_ERRORS,
  verifyCredentials,
  publish: publishPost,
  delete: deletePost,
  analytics: gmbAnalytics,
};
