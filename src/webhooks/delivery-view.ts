import type { WebhookEventRecord } from '../db/webhook-events.ts';
import { buildErrorBody } from '../errors/build.ts';

/** One event as GET /api/hook/deliveries shows it: its delivery state, never its secret. */
export function deliveryView(event: WebhookEventRecord, lang?: string): Record<string, unknown> {
  return {
    id: event.id,
    action: event.action,
    ...(event.subAction ? { subAction: event.subAction } : {}),
    ...(event.postId ? { postId: event.postId } : {}),
    status: event.status,
    attempts: event.attempts,
    lastStatusCode: event.lastStatusCode,
    lastAttemptAt: event.lastAttemptAt?.toISOString() ?? null,
    ...(event.status === 'pending' ? { nextAttemptAt: event.nextAttemptAt.toISOString() } : {}),
    ...(event.deliveredAt ? { deliveredAt: event.deliveredAt.toISOString() } : {}),
    ...(event.lastError && event.status !== 'delivered'
      ? { lastError: buildErrorBody({ code: 672, params: { reason: event.lastError } }, lang) }
      : {}),
    created: event.createdAt.toISOString(),
  };
}
