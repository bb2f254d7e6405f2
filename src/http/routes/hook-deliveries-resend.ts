import { Type } from 'typebox';
import { inTransaction } from '../../db/pool.ts';
import { findEvent, resendEvent } from '../../db/webhook-events.ts';
import { webhookFor } from '../../db/webhooks.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { deliveryView } from '../../webhooks/delivery-view.ts';
import { documented } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { DeliveryResent } from '../schemas/webhook-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerHookDeliveriesResend: RegisterRoute = (server, app) => {
  server.post(
    '/api/hook/deliveries/:id/resend',
    {
      schema: {
        summary: 'Send an event again now, with its id and body, on a fresh retry schedule',
        tags: ['webhooks'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: DeliveryResent, ...ErrorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const event = await findEvent(app.pool, request.profile.id, id);
      if (!event) throw new HeraldError({ code: 607, params: { what: `Webhook delivery ${id}` } });
      if (!(await webhookFor(app.pool, request.profile.id, event.action))) {
        throw new HeraldError({ code: 673, params: { action: event.action } });
      }
      await inTransaction(app.pool, (tx) => resendEvent(tx, request.profile.id, id));
      const fresh = await findEvent(app.pool, request.profile.id, id);
      return {
        status: 'success' as const,
        ...(fresh ? { delivery: documented(deliveryView(fresh, languageOf(request))) } : {}),
      };
    },
  );
};
