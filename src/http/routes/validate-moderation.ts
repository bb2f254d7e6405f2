import { Type } from 'typebox';
import { buildErrorBody, httpStatusOf } from '../../errors/build.ts';
import { ModerationInputError } from '../../moderation/media-inputs.ts';
import { type ModerationRequest, moderate } from '../../moderation/moderate.ts';
import { ModerationProviderError } from '../../moderation/provider.ts';
import { documented } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { errorResponses } from '../schemas/common.ts';
import { ModerationAnswer, ModerationFailure } from '../schemas/validate-responses.ts';
import type { RegisterRoute } from '../types.ts';

const Body = Type.Object({
  text: Type.Optional(Type.String({ maxLength: 100_000, description: 'Text to judge.' })),
  mediaUrls: Type.Optional(
    Type.Array(Type.String({ maxLength: 4096, pattern: '^https?://' }), {
      maxItems: 10,
      description: 'Public http(s) URLs of images or videos.',
    }),
  ),
});

export const registerValidateModeration: RegisterRoute = (server, app) => {
  server.post(
    '/api/validate/moderation',
    {
      schema: {
        summary: 'Judge text (and, with a provider, images) before posting',
        tags: ['validate'],
        body: Body,
        response: { 200: ModerationAnswer, ...errorResponses(ModerationFailure) },
      },
    },
    async (request, reply) => {
      try {
        return documented(await moderate(app, request.body as ModerationRequest));
      } catch (err) {
        // Seed 002 prints both inside errors[]; the cause goes to the log, never to another field.
        const code =
          err instanceof ModerationInputError ? 438 : err instanceof ModerationProviderError ? 331 : 0;
        if (code === 0) throw err;
        app.log.warn({ reqId: request.id, code, reason: (err as Error).message }, 'moderation refused');
        return reply
          .status(httpStatusOf(code))
          .send(documented({ status: 'error', errors: [buildErrorBody({ code }, languageOf(request))] }));
      }
    },
  );
};
