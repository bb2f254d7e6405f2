import { Type } from 'typebox';
import { deleteWebhook } from '../../db/webhooks.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { WebhookDeleted } from '../schemas/webhook-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerHookWebhookDelete: RegisterRoute = (server, app) => {
  for (const url of ['/api/hook/webhook', '/api/hook']) {
    server.delete(
      url,
      {
        schema: {
          summary:
            'Unregister the profile’s webhook for an action (its undelivered events then go to the primary’s hook, if any)',
          tags: ['webhooks'],
          body: Type.Object({ action: Type.String({ maxLength: 64 }) }),
          response: { 200: WebhookDeleted, ...ErrorResponses },
        },
      },
      async (request) => {
        const { action } = request.body;
        if (!(await deleteWebhook(app.pool, request.profile.id, action))) {
          throw new HeraldError({ code: 673, params: { action: action.slice(0, 64) } });
        }
        return { status: 'success' as const, action, refId: request.profile.refId };
      },
    );
  }
};
