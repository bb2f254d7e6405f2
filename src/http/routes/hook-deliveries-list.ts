import { Type } from 'typebox';
import { findEvent, listEvents } from '../../db/webhook-events.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { deliveryView } from '../../webhooks/delivery-view.ts';
import { documented } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { DeliveriesAnswer } from '../schemas/webhook-responses.ts';
import type { RegisterRoute } from '../types.ts';

const DeliveriesQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')], {
      description: '`failed`: dead-lettered after the whole retry schedule (resendable)',
    }),
  ),
  limit: Type.Optional(Type.String({ pattern: '^\\d{1,3}$', description: '1 to 100. Default 25.' })),
  cursor: Type.Optional(
    Type.String({ maxLength: 64, description: 'nextCursor of the previous page: the events after it' }),
  ),
});

export const registerHookDeliveriesList: RegisterRoute = (server, app) => {
  server.get(
    '/api/hook/deliveries',
    {
      schema: {
        summary: 'The profile’s webhook events, newest first: status, attempts, last answer',
        tags: ['webhooks'],
        querystring: DeliveriesQuery,
        response: { 200: DeliveriesAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const { status, limit: rawLimit, cursor } = request.query;
      const limit = Math.min(Math.max(Number(rawLimit ?? 25), 1), 100);
      const after = cursor ? await findEvent(app.pool, request.profile.id, cursor) : undefined;
      if (cursor && !after)
        throw new HeraldError({
          code: 604,
          params: { problem: 'cursor is not a delivery id of this profile' },
        });
      const events = await listEvents(app.pool, request.profile.id, {
        status: status ?? null,
        limit: limit + 1,
        afterId: after?.id ?? null,
      });
      const page = events.slice(0, limit);
      const lang = languageOf(request);
      return {
        status: 'success' as const,
        deliveries: page.map((e) => documented(deliveryView(e, lang))),
        ...(events.length > limit ? { nextCursor: page[page.length - 1]?.id } : {}),
      };
    },
  );
};
