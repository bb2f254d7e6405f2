import { Type } from 'typebox';
import { SENT_ACTIONS } from '../../webhooks/actions.ts';
import { ErrorBody, Instant, Nullable, Success } from './common.ts';
import { KeepKeyOrder } from './key-order.ts';

const REF_ID = 'b1f7d3c0a9e84f5c8d2e';

/** POST /api/hook/webhook. */
export const WebhookRegistered = Type.Object(
  {
    status: Success,
    action: Type.String(),
    url: Type.String(),
    refId: Type.String(),
    secret: Type.Optional(
      Type.String({ description: 'The secret Herald made (no `secret` sent): shown this once.' }),
    ),
  },
  {
    examples: [
      {
        status: 'success',
        action: 'scheduled',
        url: 'https://hooks.example.com/herald',
        refId: REF_ID,
        secret: 'whsec_MfKQ9r8GKYqXgmLKJiQhQo8W1pr3jVhx',
      },
    ],
  },
);

/** GET /api/hook/webhook: `{status, <action>: url, updated}`, the actions in registration order. */
export const WebhookList = KeepKeyOrder(
  Type.Object(
    {
      status: Success,
      ...Object.fromEntries(
        SENT_ACTIONS.map((action) => [action, Type.Optional(Type.String({ description: 'Its URL.' }))]),
      ),
      updated: Type.Optional(Instant('The latest registration change.')),
    },
    {
      examples: [
        {
          status: 'success',
          scheduled: 'https://hooks.example.com/herald',
          updated: '2026-07-08T12:00:00.000Z',
        },
      ],
    },
  ),
);

/** DELETE /api/hook/webhook. */
export const WebhookDeleted = Type.Object(
  { status: Success, action: Type.String(), refId: Type.String() },
  { examples: [{ status: 'success', action: 'scheduled', refId: REF_ID }] },
);

/** One webhook event and how its delivery went. */
export const Delivery = KeepKeyOrder(
  Type.Object({
    id: Type.String({ description: 'The event id: the `webhook-id` header of every attempt.' }),
    action: Type.String(),
    subAction: Type.Optional(Type.String()),
    postId: Type.Optional(Type.String()),
    status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    attempts: Type.Integer(),
    lastStatusCode: Nullable(Type.Integer()),
    lastAttemptAt: Nullable(Instant()),
    nextAttemptAt: Type.Optional(Instant()),
    deliveredAt: Type.Optional(Instant()),
    lastError: Type.Optional(ErrorBody),
    created: Instant(),
  }),
);

const DELIVERY = {
  id: 'evt_6f1c2e9a4b7d4c0e8a3f5b2d1c9e7a60',
  action: 'scheduled',
  postId: 'uwvUly4NAL9FFnrHmV9m',
  status: 'delivered',
  attempts: 1,
  lastStatusCode: 200,
  lastAttemptAt: '2026-07-08T12:30:01.000Z',
  deliveredAt: '2026-07-08T12:30:01.000Z',
  created: '2026-07-08T12:30:00.000Z',
};

/** GET /api/hook/deliveries. */
export const DeliveriesAnswer = Type.Object(
  {
    status: Success,
    deliveries: Type.Array(Delivery, { description: 'Newest first.' }),
    nextCursor: Type.Optional(Type.String({ description: 'Give it as `cursor` for the next page.' })),
  },
  { examples: [{ status: 'success', deliveries: [DELIVERY] }] },
);

/** POST /api/hook/deliveries/:id/resend. */
export const DeliveryResent = Type.Object(
  { status: Success, delivery: Type.Optional(Delivery) },
  {
    examples: [
      {
        status: 'success',
        delivery: {
          id: DELIVERY.id,
          action: DELIVERY.action,
          postId: DELIVERY.postId,
          status: 'pending',
          attempts: 1,
          lastStatusCode: 500,
          lastAttemptAt: DELIVERY.lastAttemptAt,
          nextAttemptAt: '2026-07-08T13:00:00.000Z',
          created: DELIVERY.created,
        },
      },
    ],
  },
);

/** POST /api/webhooks/tiktok (TikTok's call). */
export const TiktokWebhookAnswer = Type.Object({ status: Success }, { examples: [{ status: 'success' }] });
