import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import type { RateDecision, RateUsage } from '../app/rate-limiter.ts';
import { HeraldError } from '../errors/herald-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** This request's rate-limit decision, once it was counted. */
    rateDecision?: RateDecision;
  }
}

/**
 * The limits' state on an answer. Ayrshare's `x-ratelimit-max` / `x-ratelimit-count` speak
 * of the profile (its limit is per User Profile), or of the key when only the key is
 * limited; the IETF fields (draft-ietf-httpapi-ratelimit-headers: `RateLimit-Policy` with
 * quota and window, `RateLimit` with remaining and reset, both in seconds) name each limit.
 */
function setHeaders(reply: FastifyReply, decision: RateDecision): void {
  const main = decision.usage.find((u) => u.scope === 'profile') ?? decision.usage[0];
  if (!main) return;
  reply.header('x-ratelimit-max', String(main.max));
  reply.header('x-ratelimit-count', String(main.count));
  reply.header(
    'ratelimit-policy',
    decision.usage.map((u) => `"${u.scope}";q=${u.max};w=${decision.windowSeconds}`).join(', '),
  );
  reply.header(
    'ratelimit',
    decision.usage.map((u) => `"${u.scope}";r=${u.remaining};t=${decision.resetSeconds}`).join(', '),
  );
}

function refusal(refusedBy: RateUsage, decision: RateDecision): HeraldError {
  return new HeraldError({
    code: 640,
    ...(refusedBy.scope === 'key' ? { variant: 'key' } : {}),
    params: { max: refusedBy.max, window: decision.windowSeconds, retryAfter: decision.resetSeconds },
  });
}

/**
 * preHandler, once the profile is known (profile-selection.ts): counts the request against
 * its profile's and its key's limits, or refuses it (429, code 640, `Retry-After`) when one
 * of them is spent. A refused request is not counted.
 */
export async function limitRate(
  app: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const limiter = app.rateLimiter;
  if (!limiter?.enabled) return;
  const decision = limiter.take(limiter.limitsFor(request.profile.id, request.apiKeyId));
  request.rateDecision = decision;
  setHeaders(reply, decision);
  if (decision.refusedBy) {
    reply.header('retry-after', String(decision.resetSeconds));
    throw refusal(decision.refusedBy, decision);
  }
}

/**
 * onSend: an authenticated request answered before its preHandler (a body the schema
 * refused, a conflicting profile indication) still counts, against the profile it was
 * authenticated as, and carries the headers like every authenticated answer.
 */
export function countAnswered(app: AppContext, request: FastifyRequest, reply: FastifyReply): void {
  const limiter = app.rateLimiter;
  if (!limiter?.enabled || request.rateDecision || !request.apiKeyId || !request.profile) return;
  const decision = limiter.take(limiter.limitsFor(request.profile.id, request.apiKeyId), false);
  request.rateDecision = decision;
  setHeaders(reply, decision);
}
