import { Type } from 'typebox';
import { listWebhooks } from '../../db/webhooks.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { WebhookList } from '../schemas/webhook-responses.ts';
import type { RegisterRoute } from '../types.ts';

const ListQuery = Type.Object({
  allWebhooks: Type.Optional(
    Type.Union([Type.Literal('true'), Type.Literal('false')], {
      description: 'Not offered: every profile’s hooks in one call (only "false" is accepted).',
    }),
  ),
});

export const registerHookWebhookList: RegisterRoute = (server, app) => {
  for (const url of ['/api/hook/webhook', '/api/hook']) {
    server.get(
      url,
      {
        schema: {
          summary: 'The profile’s registered webhooks: {status, <action>: url, updated}',
          tags: ['webhooks'],
          querystring: ListQuery,
          response: { 200: WebhookList, ...ErrorResponses },
        },
      },
      async (request) => {
        if (request.query.allWebhooks === 'true') {
          throw new HeraldError({
            code: 604,
            params: { problem: 'allWebhooks asks for a feature Herald does not offer; list each profile' },
          });
        }
        const hooks = await listWebhooks(app.pool, request.profile.id);
        const updated = hooks.reduce<Date | undefined>(
          (latest, h) => (!latest || h.updatedAt > latest ? h.updatedAt : latest),
          undefined,
        );
        return {
          status: 'success' as const,
          ...Object.fromEntries(hooks.map((h) => [h.action, h.url])),
          ...(updated ? { updated: updated.toISOString() } : {}),
        };
      },
    );
  }
};
