import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Every delivery carries two signatures made with the registration's secret:
 * - Ayrshare's: `X-Authorization-Timestamp` (unix seconds) and
 *   `X-Authorization-Content-SHA256`, the HMAC-SHA256 of the raw body keyed by the
 *   secret's UTF-8 bytes, in lowercase hex;
 * - the Standard Webhooks headers (`webhook-id`, `webhook-timestamp`,
 *   `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`), made by the
 *   spec's own library, so receivers verify with that spec's libraries.
 * The Standard Webhooks key is the secret itself when it is a `whsec_…` secret (the
 * base64 after the prefix, decoded), else `whsec_` + base64 of the secret's UTF-8 bytes:
 * both headers then use the same key bytes for a secret chosen as plain text.
 */

const PREFIX = 'whsec_';

/** A secret for a registration that gave none: returned once, then stored sealed. */
export function generateSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}

/** The `whsec_` form of a registration secret, for Standard Webhooks libraries. */
export function standardSecret(secret: string): string {
  return secret.startsWith(PREFIX) ? secret : `${PREFIX}${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/** Why a secret cannot be used, or undefined. A `whsec_` secret must be base64 after its prefix. */
export function secretProblem(secret: string): string | undefined {
  if (!secret.startsWith(PREFIX)) return undefined;
  const encoded = secret.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    return 'secret starting with whsec_ must continue with base64 (the Standard Webhooks form)';
  }
  return undefined;
}

export function ayrshareSignature(secret: string, body: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(body, 'utf8').digest('hex');
}

/** The headers of one attempt: the id and body are the event's, the time is the attempt's. */
export function signatureHeaders(
  secret: string,
  eventId: string,
  at: Date,
  body: string,
): Record<string, string> {
  const seconds = String(Math.floor(at.getTime() / 1000));
  return {
    'webhook-id': eventId,
    'webhook-timestamp': seconds,
    'webhook-signature': new Webhook(standardSecret(secret)).sign(eventId, at, body),
    'x-authorization-timestamp': seconds,
    'x-authorization-content-sha256': ayrshareSignature(secret, body),
  };
}
