import { HeraldError } from '../../errors/herald-error.ts';
import type { Choice, LinkingContext, OAuth2Network } from '../../linking/types.ts';
import { GOOGLE_LOGIN } from '../shared/google-login.ts';
import { bearerGet, items, text } from '../shared/link-read.ts';
import { PLATFORM_NAME } from './errors.ts';

const SCOPE = 'https://www.googleapis.com/auth/business.manage';

/**
 * Where the Business Profile APIs list accounts and locations: their own hosts
 * (Account Management and Business Information v1); a proxy or test double named by
 * HERALD_GMB_API_URL serves them at its root, beside the v4 local posts.
 */
function hosts(ctx: LinkingContext) {
  return ctx.apiUrlIsDefault
    ? {
        accounts: 'https://mybusinessaccountmanagement.googleapis.com',
        locations: 'https://mybusinessbusinessinformation.googleapis.com',
      }
    : { accounts: ctx.apiUrl, locations: ctx.apiUrl };
}

/**
 * Linking Google Business Profile with Google's OAuth (business.manage): every location
 * of every account the user manages is listed (accounts.list, then
 * accounts.locations.list with readMask=name,title) and the user picks one; Herald posts
 * to `accounts/{a}/locations/{l}`.
 */
export const gmbLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'gmb',
  ...GOOGLE_LOGIN,
  scopes: [SCOPE],
  requiredScopes: [SCOPE],
  async choices(grant, ctx) {
    const { accounts: accountsHost, locations: locationsHost } = hosts(ctx);
    const token = grant.accessToken;
    const accounts = items(
      await bearerGet(ctx, 'gmb', PLATFORM_NAME, token, `${accountsHost}/v1/accounts`),
      'accounts',
    );
    const choices: Choice[] = [];
    for (const account of accounts) {
      const accountName = text(account.name);
      if (!accountName) continue;
      const url = `${locationsHost}/v1/${accountName}/locations?readMask=name,title&pageSize=100`;
      for (const location of items(await bearerGet(ctx, 'gmb', PLATFORM_NAME, token, url), 'locations')) {
        const locationName = text(location.name);
        if (!locationName) continue;
        const id = `${accountName}/${locationName}`;
        choices.push({
          id,
          name: text(location.title) ?? id,
          kind: `Location of ${text(account.accountName) ?? accountName}`,
          data: {},
        });
      }
    }
    if (choices.length === 0) {
      throw new HeraldError({
        code: 666,
        platform: 'gmb',
        params: {
          platformName: PLATFORM_NAME,
          what: 'business location',
          hint: 'Use the Google account that manages the business profile, then connect again.',
        },
      });
    }
    return choices;
  },
  credentials: (grant, choice) => ({ locationName: choice.id, accessToken: grant.accessToken }),
};
