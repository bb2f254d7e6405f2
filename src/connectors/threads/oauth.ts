import type { OAuth2Network } from '../../linking/types.ts';
import { graphRead, text } from '../shared/graph-login.ts';
import { PLATFORM_NAME } from './errors.ts';

/**
 * Linking Threads (Threads' own OAuth): threads.net/oauth/authorize, the code exchanged
 * at graph.threads.net/oauth/access_token (`{access_token, user_id}`, no token_type, a
 * short-lived token), then traded for a long-lived one (GET /access_token,
 * grant_type=th_exchange_token: 60 days). The refresh job extends it before it expires
 * (GET /refresh_access_token, grant_type=th_refresh_token), as Threads documents.
 */
export const threadsLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'threads',
  authorize: { origin: 'https://threads.net', path: () => '/oauth/authorize' },
  token: { origin: 'https://graph.threads.net', path: () => '/oauth/access_token' },
  scopes: ['threads_basic', 'threads_content_publish'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'post',
  impliedBearer: true,
  longLived: {
    path: () => '/access_token',
    params: (grant) => ({ grant_type: 'th_exchange_token', access_token: grant.accessToken }),
    withClientId: false,
  },
  refresh: 'threads-refresh',
  async choices(grant, ctx) {
    const me = await graphRead(ctx, 'threads', PLATFORM_NAME, grant.accessToken, 'me', {
      fields: 'id,username,name,threads_profile_picture_url',
    });
    const id = text(me.id) ?? String(grant.raw.user_id ?? '');
    const username = text(me.username);
    const picture = text(me.threads_profile_picture_url);
    return [
      {
        id,
        name: text(me.name) ?? username ?? id,
        kind: 'Threads profile',
        ...(username ? { username: `@${username}` } : {}),
        ...(picture ? { picture } : {}),
        data: {},
      },
    ];
  },
  credentials: (grant, choice) => ({ threadsUserId: choice.id, accessToken: grant.accessToken }),
};
