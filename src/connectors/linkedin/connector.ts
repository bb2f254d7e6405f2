import { HeraldError } from '../../errors/herald-error.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome, VerifiedAccount } from '../types.ts';
import { linkedinAnalytics } from './analytics.ts';
import type { LinkedInClient } from './client.ts';
import { linkedinComments } from './comments.ts';
import { type LinkedInCredentials, toStored } from './credentials.ts';
import { linkedinDeclaration } from './declaration.ts';
import { classifyError, LINKEDIN_ERRORS, PLATFORM_NAME, unreachableSpec } from './errors.ts';
import { clientFor, publishPost } from './publish.ts';
import type { LinkedInFailure } from './wire.ts';

/** Roles that may publish as an organization (w_organization_social). */
const POSTING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMIN', 'DIRECT_SPONSORED_CONTENT_POSTER']);

function rejected(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** At link time an authorization failure means these credentials are wrong, not that a relink is due. */
function linkFailure(failure: LinkedInFailure): HeraldError {
  if (failure.kind === 'network') return new HeraldError(unreachableSpec(failure.reason));
  const { spec } = classifyError(failure);
  if (spec.code === 623) return rejected(`${failure.code ?? failure.status}: ${failure.message}`);
  return new HeraldError(spec);
}

async function verifyPerson(
  client: LinkedInClient,
  credentials: LinkedInCredentials,
): Promise<VerifiedAccount> {
  const me = await client.userinfo();
  if (!me.ok) throw linkFailure(me.failure);
  if (me.value.sub !== credentials.id) {
    throw rejected(`the token belongs to urn:li:person:${me.value.sub}, not ${credentials.author}`);
  }
  return {
    externalId: credentials.author,
    username: me.value.sub,
    displayName: me.value.name,
    // The member's vanity URL needs a scope Herald does not ask for: the feed stands in.
    profileUrl: 'https://www.linkedin.com/feed/',
    credentials: toStored(credentials),
  };
}

async function verifyOrganization(
  client: LinkedInClient,
  credentials: LinkedInCredentials,
): Promise<VerifiedAccount> {
  const page = await client.organization(credentials.id);
  if (!page.ok) throw linkFailure(page.failure);
  const roles = await client.organizationRoles();
  // Reading roles needs an admin scope the token may lack: then the first post tells (403 → 623).
  if (roles.ok) {
    const allowed = roles.value.some(
      (r) => r.organization === credentials.author && r.state === 'APPROVED' && POSTING_ROLES.has(r.role),
    );
    if (!allowed)
      throw rejected(`the member holds no ADMINISTRATOR or CONTENT_ADMIN role on ${credentials.author}`);
  } else if (roles.failure.kind === 'network' || roles.failure.status !== 403) {
    throw linkFailure(roles.failure);
  }
  const slug = page.value.vanityName ?? credentials.id;
  return {
    externalId: credentials.author,
    username: slug,
    displayName: page.value.name,
    profileUrl: `https://www.linkedin.com/company/${slug}/`,
    credentials: toStored(credentials),
  };
}

async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const target = clientFor(raw, ctx, { renew: false });
  if (typeof target === 'string') throw rejected(target);
  const { client, credentials } = target;
  return credentials.kind === 'person'
    ? verifyPerson(client, credentials)
    : verifyOrganization(client, credentials);
}

/** DELETE /rest/posts/{urn} → 204. A post already gone counts as deleted. */
async function deletePost(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const target = clientFor(input.account.credentials, ctx);
  if (typeof target === 'string') {
    return {
      kind: 'failed',
      error: { code: 623, platform: 'linkedin', params: { platformName: PLATFORM_NAME }, details: target },
    };
  }
  const deleted = await target.client.deletePost(input.id);
  if (deleted.ok) return { kind: 'deleted' };
  const { failure } = deleted;
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  if (failure.status === 404) return { kind: 'deleted' };
  return { kind: 'failed', error: classifyError(failure).spec };
}

export const linkedinConnector: Connector = {
  declaration: linkedinDeclaration,
  errorTable: LINKEDIN_ERRORS,
  verifyCredentials,
  publish: publishPost,
  delete: deletePost,
  comments: linkedinComments,
  analytics: linkedinAnalytics,
};
