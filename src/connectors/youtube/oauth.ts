import { HeraldError } from '../../errors/herald-error.ts';
import type { OAuth2Network } from '../../linking/types.ts';
import { GOOGLE_LOGIN } from '../shared/google-login.ts';
import { bearerGet, items, text } from '../shared/link-read.ts';
import { PLATFORM_NAME } from './errors.ts';

const UPLOAD = 'https://www.googleapis.com/auth/youtube.upload';
/** Read the channel, delete videos, add to playlists (what youtube.upload does not cover). */
const MANAGE = 'https://www.googleapis.com/auth/youtube.force-ssl';

/**
 * Linking YouTube with Google's OAuth (shared/google-login.ts). The channel is the one
 * `channels?part=snippet&mine=true` answers for the identity the user chose on Google's
 * page (a person or a brand account).
 */
export const youtubeLinking: OAuth2Network = {
  kind: 'oauth2',
  platform: 'youtube',
  ...GOOGLE_LOGIN,
  scopes: [UPLOAD, MANAGE],
  requiredScopes: [UPLOAD, MANAGE],
  async choices(grant, ctx) {
    const url = `${ctx.apiUrl}/youtube/${ctx.apiVersion ?? 'v3'}/channels?part=snippet&mine=true`;
    const answer = await bearerGet(ctx, 'youtube', PLATFORM_NAME, grant.accessToken, url);
    const channels = items(answer, 'items').flatMap((item) => {
      const id = text(item.id);
      if (!id) return [];
      const snippet = (item.snippet ?? {}) as Record<string, unknown>;
      const thumbnails = (snippet.thumbnails ?? {}) as Record<string, { url?: unknown }>;
      const picture = text(thumbnails.default?.url);
      const customUrl = text(snippet.customUrl);
      return [
        {
          id,
          name: text(snippet.title) ?? id,
          kind: 'Channel',
          ...(customUrl ? { username: customUrl } : {}),
          ...(picture ? { picture } : {}),
          data: {},
        },
      ];
    });
    if (channels.length === 0) {
      throw new HeraldError({
        code: 666,
        platform: 'youtube',
        params: {
          platformName: PLATFORM_NAME,
          what: 'YouTube channel',
          hint: 'Create a channel for this Google account (or choose a brand account that has one), then connect again.',
        },
      });
    }
    return channels;
  },
  credentials: (grant) => ({ accessToken: grant.accessToken }),
};
