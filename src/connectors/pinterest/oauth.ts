import { HeraldError } from '../../errors/herald-error.ts';
import type { Choice, OAuth2Network } from '../../linking/types.ts';
import { bearerGet, items, text } from '../shared/link-read.ts';
import { PLATFORM_NAME } from './errors.ts';

/**
 * Linking Pinterest: www.pinterest.com/oauth/ (comma-separated scopes, no PKCE), the code
 * exchanged at api.pinterest.com/v5/oauth/token with HTTP Basic → `{access_token (30
 * days), refresh_token (365 days, refresh_token_expires_in), scope, token_type}`. The
 * user picks the default board among `GET /v5/boards`.
 */
export const pinterestLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'pinterest',
  authorize: { origin: 'https://www.pinterest.com', path: () => '/oauth/' },
  token: { origin: 'https://api.pinterest.com', path: () => '/v5/oauth/token' },
  scopes: ['boards:read', 'pins:read', 'pins:write', 'user_accounts:read'],
  scopeSeparator: ',',
  pkce: false,
  clientAuth: 'basic',
  requiredScopes: ['boards:read', 'pins:write'],
  refresh: 'refresh-token',
  async choices(grant, ctx) {
    const base = `${ctx.apiUrl}/${ctx.apiVersion ?? 'v5'}`;
    const token = grant.accessToken;
    const me = await bearerGet(ctx, 'pinterest', PLATFORM_NAME, token, `${base}/user_account`);
    const answer = await bearerGet(ctx, 'pinterest', PLATFORM_NAME, token, `${base}/boards?page_size=100`);
    const picture = text(me.profile_image);
    const boards: Choice[] = items(answer, 'items').flatMap((board) => {
      const id = text(board.id);
      if (!id) return [];
      return [
        {
          id,
          name: text(board.name) ?? id,
          kind: `Board of @${text(me.username) ?? 'you'}`,
          ...(picture ? { picture } : {}),
          data: {},
        },
      ];
    });
    if (boards.length === 0) {
      throw new HeraldError({
        code: 666,
        platform: 'pinterest',
        params: {
          platformName: PLATFORM_NAME,
          what: 'board',
          hint: 'Create a board on Pinterest, then connect again.',
        },
      });
    }
    return boards;
  },
  credentials: (grant, choice) => ({ accessToken: grant.accessToken, boardId: choice.id }),
};
