import type { AppContext } from '../app/context.ts';
import { decryptJson } from '../config/secrets.ts';
import { inTransaction } from '../db/pool.ts';
import { claimAttempt, fixBody, recordAttempt, type WebhookEventRecord } from '../db/webhook-events.ts';
import { webhookFor } from '../db/webhooks.ts';
import { apiFetch } from '../media/api-fetch.ts';
import { systemResolver } from '../media/url-decision.ts';
import { renderBody } from './payloads.ts';
import { nextAttempt } from './schedule.ts';
import { type SendResult, sendWebhook } from './send.ts';
import { signatureHeaders } from './signing.ts';

/** How long past its timeout an attempt stays claimed: a live sender is never taken for dead. */
const LEASE_MARGIN_MS = 60_000;

const fetchers = new WeakMap<AppContext, typeof fetch>();

function fetcherOf(app: AppContext): typeof fetch {
  let fetcher = fetchers.get(app);
  if (!fetcher) {
    fetcher = apiFetch({
      allow: app.config.media.allow,
      resolve: app.resolve ?? systemResolver,
      timeoutMs: app.config.webhooks.timeoutMs,
    });
    fetchers.set(app, fetcher);
  }
  return fetcher;
}

/**
 * The deliver_webhook job: one attempt of one event. The database is used before and
 * after the call, never during it: a slow receiver holds no connection. What the
 * attempt leads to (delivered, the next attempt's job, or the dead letter) is written
 * in one transaction with the attempt's log line.
 */
export async function deliverEvent(app: AppContext, eventId: string): Promise<void> {
  const config = app.config.webhooks;
  const event = await claimAttempt(app.pool, eventId, config.timeoutMs + LEASE_MARGIN_MS);
  if (!event) return;
  const startedAt = new Date();
  const hook = await webhookFor(app.pool, event.profileId, event.action);
  let result: SendResult;
  let url = hook?.url ?? '';
  if (!hook) {
    result = { ok: false, statusCode: null, error: `no webhook is registered for ${event.action}` };
  } else {
    const prepared = await prepare(app, event, hook.url, hook.sealedSecret);
    url = hook.url;
    result =
      'error' in prepared
        ? { ok: false, statusCode: null, error: prepared.error }
        : await sendWebhook(
            fetcherOf(app),
            { url: hook.url, headers: prepared.headers, body: prepared.body },
            { timeoutMs: config.timeoutMs, httpsOnly: app.config.mode === 'production' },
          );
  }
  // Nothing registered any more: no schedule can help; a resend after registering can.
  const next = result.ok
    ? ({ kind: 'delivered' } as const)
    : hook
      ? nextAttempt(config.retryScheduleMs, event.scheduleStep)
      : ({ kind: 'dead' } as const);
  await inTransaction(app.pool, (tx) =>
    recordAttempt(
      tx,
      event.id,
      {
        number: event.attempts,
        url,
        startedAt,
        durationMs: Date.now() - startedAt.getTime(),
        statusCode: result.statusCode,
        error: result.error,
      },
      next,
    ),
  );
  app.metrics.webhookDeliveries.inc({ action: event.action, outcome: next.kind });
  const fields = {
    eventId: event.id,
    action: event.action,
    attempt: event.attempts,
    status: result.statusCode,
  };
  if (next.kind === 'delivered') app.log.info(fields, 'webhook delivered');
  else app.log.warn({ ...fields, error: result.error, next: next.kind }, 'webhook not delivered');
}

async function prepare(
  app: AppContext,
  event: WebhookEventRecord,
  url: string,
  sealedSecret: string,
): Promise<{ body: string; headers: Record<string, string> } | { error: string }> {
  let body = event.body;
  if (body === null) {
    try {
      body = await fixBody(app.pool, event.id, renderBody(event, url));
    } catch (err) {
      app.log.error({ err, eventId: event.id }, 'webhook payload could not be built');
      return { error: 'Herald could not build the payload (see its log)' };
    }
  }
  let secret: string;
  try {
    secret = decryptJson<string>(app.secretKey, sealedSecret);
  } catch {
    return { error: 'Herald cannot decrypt the webhook secret (was HERALD_SECRET_KEY changed?)' };
  }
  return { body, headers: signatureHeaders(secret, event.id, new Date(), body) };
}
