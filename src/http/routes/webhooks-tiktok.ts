import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { failReasonSpec } from '../../connectors/tiktok/errors.ts';
import { publishedOutcome } from '../../connectors/tiktok/poll.ts';
import { parseEvent, verifySignature, type WebhookEvent } from '../../connectors/tiktok/webhook.ts';
import type { PublishOutcome } from '../../connectors/types.ts';
import { findAccountById } from '../../db/accounts.ts';
import { findTargetByRef } from '../../db/targets.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { settlePending } from '../../jobs/poll-target.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { RAW_BODY } from '../schemas/raw-body.ts';
import { TiktokWebhookAnswer } from '../schemas/webhook-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * POST /api/webhooks/tiktok: TikTok tells Herald a post went public (with its real
 * id) or failed. Public, but only TikTok can sign: the HMAC of the raw body with the
 * app's client secret, at most 5 minutes old. Deliveries repeat (at least once) and
 * race the poll job: both settle through one guarded UPDATE, so the second is a no-op.
 */

async function settle(app: AppContext, event: Exclude<WebhookEvent, { kind: 'other' }>): Promise<void> {
  const target = await findTargetByRef(app.pool, 'tiktok', event.publishId);
  // Not ours (a post made elsewhere), or settled already by an earlier delivery or a poll.
  if (target?.state !== 'pending') return;
  let outcome: Extract<PublishOutcome, { kind: 'published' | 'failed' }>;
  if (event.kind === 'published') {
    const account = target.accountId ? await findAccountById(app.pool, target.accountId) : undefined;
    outcome = publishedOutcome(account?.username ?? '', event.postId) as typeof outcome;
  } else {
    outcome = { kind: 'failed', error: failReasonSpec(event.reason) };
  }
  const moved = await settlePending(app, target, outcome);
  app.log.info({ targetId: target.id, event: event.kind, moved }, 'tiktok webhook');
}

/** TikTok's webhook event (developers.tiktok.com, Webhooks overview): `content` is JSON in a string. */
const TiktokEvent = Type.Object(
  {
    client_key: Type.String(),
    event: Type.String({
      description: 'post.publish.complete, post.publish.publicly_available, post.publish.failed, ...',
    }),
    create_time: Type.Integer({ description: 'Unix seconds.' }),
    user_openid: Type.String(),
    content: Type.String({ description: 'A JSON object in a string: publish_id, post_id, reason, ...' }),
  },
  { additionalProperties: true },
);

export const registerWebhooksTiktok: RegisterRoute = (server, app) => {
  // Its own scope: the signature covers the raw bytes, so this route reads them unparsed.
  server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/webhooks/tiktok',
      {
        schema: {
          summary: 'TikTok webhook (signed by TikTok; no API key)',
          description:
            'TikTok’s own event (post.publish.complete, post.publish.failed, ...), signed with TikTok-Signature over the raw body; read unparsed, so its body is documented and not validated here.',
          tags: ['webhooks'],
          security: [],
          [RAW_BODY]: TiktokEvent,
          response: { 200: TiktokWebhookAnswer, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const secret = app.config.tiktokClientSecret;
        if (!secret) throw new HeraldError({ code: 630, details: 'HERALD_TIKTOK_CLIENT_SECRET is not set' });
        const header = request.headers['tiktok-signature'];
        const verdict = verifySignature(
          Array.isArray(header) ? header[0] : header,
          raw,
          secret,
          Math.floor(Date.now() / 1000),
        );
        if (!verdict.ok) throw new HeraldError({ code: 630, details: verdict.reason });
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new HeraldError(603);
        }
        const event = parseEvent(body);
        if (!event)
          throw new HeraldError({ code: 604, params: { problem: 'the body is not a TikTok event' } });
        if (event.kind !== 'other') await settle(app, event);
        return reply.status(200).send({ status: 'success' });
      },
    );
  });
};
