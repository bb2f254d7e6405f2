import { type FakeLinkedIn, startFakeLinkedIn } from '../linkedin/fake-linkedin.ts';
import { type FakeAuthorizationServer, startAuthorizationServer } from './authorization-server.ts';
import { linkedinShape } from './shapes.ts';

/**
 * LinkedIn for the connect page: its authorization server and its REST API (the
 * existing fake, which lists the member with /v2/userinfo and their organizations with
 * /rest/organizationAcls). Each token the authorization server issues works at the API
 * for the signed-in member, who administers one organization.
 */
export interface LinkedInLinking {
  auth: FakeAuthorizationServer;
  api: FakeLinkedIn;
  organization: string;
  /** What Herald needs to use them. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startLinkedInLinking(
  options: { partnerRefresh?: boolean } = {},
): Promise<LinkedInLinking> {
  const api = await startFakeLinkedIn();
  const organization = 'urn:li:organization:2414183';
  api.organizations.set('2414183', { localizedName: 'Herald Test Co', vanityName: 'herald-test-co' });
  const auth = await startAuthorizationServer(linkedinShape(options), {
    user: { id: '782bbtaQ', name: 'Alice Herald' },
    onIssue: ({ user, accessToken, scopes }) => {
      const roles = scopes.includes('w_organization_social')
        ? new Map([[organization, 'ADMINISTRATOR']])
        : new Map<string, string>();
      api.addMember({ token: accessToken, sub: user.id, name: user.name, roles });
    },
  });
  return {
    auth,
    api,
    organization,
    env: {
      HERALD_LINKEDIN_CLIENT_ID: auth.client.id,
      HERALD_LINKEDIN_CLIENT_SECRET: auth.client.secret,
      HERALD_LINKEDIN_AUTH_URL: auth.url,
      HERALD_LINKEDIN_API_URL: api.url,
    },
    close: async () => {
      await auth.close();
      await api.close();
    },
  };
}
