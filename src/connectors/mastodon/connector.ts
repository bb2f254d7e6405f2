import { HeraldError } from '../../errors/herald-error.ts';
import { redirectRefusal } from '../shared/link-redirect.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome, VerifiedAccount } from '../types.ts';
import { mastodonAnalytics } from './analytics.ts';
import { mastodonComments } from './comments.ts';
import { parseCredentials } from './credentials.ts';
import { mastodonDeclaration } from './declaration.ts';
import { classifyError, MASTODON_ERRORS, PLATFORM_NAME, refusedSpec, unreachableSpec } from './errors.ts';
import { clientFor, publishStatus, reconcileStatus } from './publish.ts';
import type { MastodonFailure } from './wire.ts';

function rejected(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** At link time an authorization failure means these credentials are wrong, not that a relink is due. */
function linkFailure(failure: MastodonFailure): HeraldError {
  if (failure.kind === 'refused')
    return rejected(`Herald does not connect to this instance: ${failure.reason}`);
  if (failure.kind === 'network') return new HeraldError(unreachableSpec(failure.reason));
  const redirect = redirectRefusal(failure.status, failure.headers);
  if (redirect) return rejected(`Herald does not connect to this instance: ${redirect}`);
  if (failure.status === 401 || failure.status === 403) {
    return rejected(`HTTP ${failure.status}: ${failure.message}`);
  }
  return new HeraldError(classifyError(failure).spec);
}

function httpsOr(url: string | undefined, fallback: string): string {
  return url?.startsWith('https://') ? url : fallback;
}

/** `GET /api/v1/accounts/verify_credentials` on the account's own instance. */
async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const credentials = parseCredentials(raw);
  if (typeof credentials === 'string') throw rejected(credentials);
  const prepared = clientFor(raw, ctx);
  if ('kind' in prepared) throw new HeraldError(prepared.error);
  const me = await prepared.client.verifyCredentials();
  if (!me.ok) throw linkFailure(me.failure);
  const { id, username, displayName, url } = me.value;
  const host = new URL(credentials.instance).host;
  return {
    // Ids are per instance: the instance host makes them unique across the fediverse.
    externalId: `${id}@${host}`,
    username,
    displayName,
    profileUrl: httpsOr(url, `https://${host}/@${username}`),
    credentials: { instance: credentials.instance, accessToken: credentials.accessToken },
  };
}

/** `DELETE /api/v1/statuses/:id`. A status already gone (404) counts as deleted. */
async function deleteStatus(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const prepared = clientFor(input.account.credentials, ctx);
  if ('kind' in prepared) return prepared;
  const deleted = await prepared.client.deleteStatus(input.id);
  if (deleted.ok) return { kind: 'deleted' };
  const { failure } = deleted;
  if (failure.kind === 'refused') return { kind: 'failed', error: refusedSpec(failure.reason) };
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  if (failure.status === 404) return { kind: 'deleted' };
  return { kind: 'failed', error: classifyError(failure).spec };
}

export const mastodonConnector: Connector = {
  declaration: mastodonDeclaration,
  errorTable: MASTODON_ERRORS,
  analytics: mastodonAnalytics,
  verifyCredentials,
  publish: (input, ctx) => publishStatus(input, ctx),
  reconcile: (input, ctx) => reconcileStatus(input, ctx),
  delete: deleteStatus,
  comments: mastodonComments,
};
