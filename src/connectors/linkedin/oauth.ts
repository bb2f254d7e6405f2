import { HeraldError } from '../../errors/herald-error.ts';
import type { Choice, Grant, LinkingContext, OAuth2Network } from '../../linking/types.ts';
import { LinkedInClient } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';

/**
 * Linking LinkedIn (Authorization Code Flow, 3-legged): www.linkedin.com/oauth/v2/authorization
 * and /oauth/v2/accessToken, client id and secret in the form. No PKCE: LinkedIn enables it
 * only for native apps on a loopback redirect, on request. The token answer has no
 * `token_type`; access tokens last 60 days; refresh tokens (365 days) are issued to approved
 * partners only, and used when present. The member, and every organization the member
 * administers, can be linked: the user picks one.
 */

/** Roles that may post as an organization (the connector checks the same at link time). */
const POSTING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMIN', 'DIRECT_SPONSORED_CONTENT_POSTER']);

function client(grant: Grant, ctx: LinkingContext): LinkedInClient {
  return new LinkedInClient(ctx.apiUrl, ctx.apiVersion ?? '202601', grant.accessToken, ctx.fetch);
}

async function choices(grant: Grant, ctx: LinkingContext): Promise<Choice[]> {
  const api = client(grant, ctx);
  const me = await api.userinfo();
  if (!me.ok) {
    const words = me.failure.kind === 'network' ? me.failure.reason : me.failure.message;
    throw new HeraldError({
      code: 665,
      platform: 'linkedin',
      params: { platformName: PLATFORM_NAME },
      details: words,
    });
  }
  const member: Choice = {
    id: `urn:li:person:${me.value.sub}`,
    name: me.value.name,
    kind: 'Member',
    ...(me.value.picture ? { picture: me.value.picture } : {}),
    data: {},
  };
  // Without the organization scopes (an app without the Community Management API) only the member can be linked.
  if (grant.scopes && !grant.scopes.includes('w_organization_social')) return [member];
  const roles = await api.organizationRoles();
  if (!roles.ok) return [member];
  const organizations: Choice[] = [];
  for (const role of roles.value) {
    if (role.state !== 'APPROVED' || !POSTING_ROLES.has(role.role)) continue;
    const id = /^urn:li:organization:(\d+)$/.exec(role.organization)?.[1];
    if (!id || organizations.some((o) => o.id === role.organization)) continue;
    const page = await api.organization(id);
    organizations.push({
      id: role.organization,
      name: page.ok ? page.value.name : role.organization,
      kind: 'Organization',
      ...(page.ok && page.value.vanityName ? { username: page.value.vanityName } : {}),
      data: {},
    });
  }
  return [member, ...organizations];
}

export const linkedinLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'linkedin',
  authorize: { origin: 'https://www.linkedin.com', path: () => '/oauth/v2/authorization' },
  token: { origin: 'https://www.linkedin.com', path: () => '/oauth/v2/accessToken' },
  // The issuer of LinkedIn's OpenID id_token (its discovery document's `issuer`).
  issuer: 'https://www.linkedin.com/oauth',
  scopes: ['openid', 'profile', 'w_member_social', 'w_organization_social', 'r_organization_admin'],
  scopeSeparator: ' ',
  pkce: false,
  clientAuth: 'post',
  impliedBearer: true,
  requiredScopes: ['w_member_social'],
  refresh: 'refresh-token',
  choices,
  credentials: (grant, choice) => ({ author: choice.id, accessToken: grant.accessToken }),
};
