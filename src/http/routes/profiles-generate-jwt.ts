import { Type } from 'typebox';
import { API_KEY_HEADER, API_SECRET_HEADER } from '../../connectors/twitter/byo-keys.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { createConnectLink, MAX_EXPIRES_IN } from '../../linking/connect-link.ts';
import { PLATFORMS } from '../../platforms.ts';
import { ConnectLinkAnswer } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { refuseUnsupported, Unsupported } from '../schemas/unsupported.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

const Body = Type.Object({
  domain: Type.Optional(
    Type.String({
      maxLength: 255,
      description:
        'Ayrshare’s linking domain: accepted for compatibility; Herald’s page is at HERALD_PUBLIC_URL.',
    }),
  ),
  privateKey: Type.Optional(
    Type.String({
      maxLength: 16384,
      description:
        'Ayrshare’s integration key: accepted for compatibility and not used (Herald signs with a key derived from HERALD_SECRET_KEY).',
    }),
  ),
  base64: Type.Optional(
    Type.Boolean({ description: 'Says privateKey is base64; not used, as privateKey is not.' }),
  ),
  verify: Type.Optional(
    Type.Boolean({ description: 'Herald always verifies the token it signs before answering.' }),
  ),
  logout: Type.Optional(Type.Boolean({ description: 'End the profile’s earlier connect pages at once.' })),
  redirect: Type.Optional(
    Type.String({ maxLength: 2048, description: 'Where “Done” goes (http or https URL).' }),
  ),
  allowedSocial: Type.Optional(
    Type.Array(Type.String({ maxLength: 64 }), {
      maxItems: PLATFORMS.length,
      description: 'Only these networks are shown on the page.',
    }),
  ),
  expiresIn: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_EXPIRES_IN, description: 'Minutes the URL works (default 5).' }),
  ),
  twitterApiKey: Type.Optional(
    Type.String({ maxLength: 256, description: 'X BYO app key (or the header).' }),
  ),
  twitterApiSecret: Type.Optional(
    Type.String({ maxLength: 256, description: 'X BYO app secret (or the header).' }),
  ),
  email: Type.Optional(Unsupported('sending the connect link by email')),
});

export const registerProfilesGenerateJwt: RegisterRoute = (server, app) => {
  server.post(
    '/api/profiles/generateJWT',
    {
      schema: {
        summary: 'A connect page URL where the profile’s end user links their own accounts',
        tags: ['profiles'],
        body: Body,
        response: { 200: ConnectLinkAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const body = request.body;
      refuseUnsupported(body as Record<string, unknown>, ['email']);
      // Ayrshare requires profileKey: the page links accounts of a user profile, never the primary one.
      if (!request.profileNamedBy || request.profile.isPrimary) {
        throw new HeraldError({
          code: 604,
          params: { problem: 'profileKey is required (in the body or the Profile-Key header)' },
        });
      }
      const headers = secretHeaders(request);
      const xKeys: Record<string, string> = {};
      const key = headers[API_KEY_HEADER] ?? body.twitterApiKey;
      const secret = headers[API_SECRET_HEADER] ?? body.twitterApiSecret;
      if (key) xKeys[API_KEY_HEADER] = key;
      if (secret) xKeys[API_SECRET_HEADER] = secret;
      const link = await createConnectLink(app, request.profile, {
        ...(body.expiresIn !== undefined ? { expiresIn: body.expiresIn } : {}),
        ...(body.allowedSocial ? { allowedSocial: body.allowedSocial } : {}),
        ...(body.redirect !== undefined ? { redirect: body.redirect } : {}),
        ...(body.logout !== undefined ? { logout: body.logout } : {}),
        xKeys,
      });
      return {
        status: 'success' as const,
        title: request.profile.title,
        token: link.token,
        url: link.url,
        expiresIn: link.expiresIn,
      };
    },
  );
};
