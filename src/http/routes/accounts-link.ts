import { Type } from 'typebox';
import { linkAccount } from '../../app/accounts-service.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { isPlatform, PLATFORMS } from '../../platforms.ts';
import { LinkAnswer } from '../schemas/account-responses.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

const LinkBody = Type.Object({
  platform: Type.String({ maxLength: 64, description: `One of ${PLATFORMS.join(', ')}` }),
  credentials: Type.Object(
    {},
    {
      additionalProperties: true,
      description:
        'The network’s credential fields (docs/api.md), or {"sandbox": true} for a simulated account.',
    },
  ),
});

export const registerAccountsLink: RegisterRoute = (server, app) => {
  server.post(
    '/api/accounts',
    {
      schema: {
        summary: 'Link a network account to the current profile (checked with the network first)',
        tags: ['accounts'],
        body: LinkBody,
        response: { 200: LinkAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const { platform, credentials } = request.body;
      if (!isPlatform(platform)) {
        throw new HeraldError(unknownPlatformError(platform));
      }
      const account = await linkAccount(
        app,
        request.profile,
        platform,
        credentials as Record<string, unknown>,
        secretHeaders(request),
      );
      return { status: 'success' as const, platform, refId: request.profile.refId, account };
    },
  );
};
