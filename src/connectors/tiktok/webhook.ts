import { createHmac, timingSafeEqual } from 'node:crypto';
import { isObject } from './client.ts';

/**
 * TikTok's webhooks: `TikTok-Signature: t=<unix seconds>,s=<hex HMAC-SHA256 of
 * "<t>.<raw body>" keyed with the app's client secret>`, and a body whose `content`
 * is itself a JSON string. Delivery is at least once: the caller must be idempotent.
 */

/** Older signatures are refused: a captured delivery cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;

export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `t=${timestamp},s=${mac}`;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  secret: string,
  nowS: number,
): Verdict {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('s') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/i.test(given)) {
    return { ok: false, reason: 'TikTok-Signature must be t=<timestamp>,s=<hex HMAC-SHA256>' };
  }
  if (Math.abs(nowS - timestamp) > SIGNATURE_TOLERANCE_S) {
    return {
      ok: false,
      reason: `the signature timestamp is more than ${SIGNATURE_TOLERANCE_S} s away from now`,
    };
  }
  const expected = signWebhook(secret, timestamp, rawBody).split(',s=')[1] ?? '';
  const same = timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
  return same ? { ok: true } : { ok: false, reason: 'the signature does not match the body' };
}

export type WebhookEvent =
  | { kind: 'published'; publishId: string; postId: string }
  | { kind: 'failed'; publishId: string; reason: string }
  | { kind: 'other'; event: string };

/** The events Herald acts on; anything else is acknowledged and ignored. */
export function parseEvent(body: unknown): WebhookEvent | undefined {
  if (!isObject(body) || typeof body.event !== 'string') return undefined;
  let content: unknown;
  try {
    content = typeof body.content === 'string' ? JSON.parse(body.content) : body.content;
  } catch {
    return undefined;
  }
  const fields = isObject(content) ? content : {};
  const publishId = typeof fields.publish_id === 'string' ? fields.publish_id : undefined;
  const postId = fields.post_id;
  if (
    body.event === 'post.publish.publicly_available' &&
    publishId &&
    (typeof postId === 'string' || typeof postId === 'number')
  ) {
    return { kind: 'published', publishId, postId: String(postId) };
  }
  if (body.event === 'post.publish.failed' && publishId) {
    return {
      kind: 'failed',
      publishId,
      reason: typeof fields.reason === 'string' ? fields.reason : 'unknown',
    };
  }
  return { kind: 'other', event: body.event };
}
