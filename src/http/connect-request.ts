import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { type PageSession, sessionOfRequest } from '../linking/page-session.ts';

/** The page of this request (its session cookie, verified), or 660: this link has expired or is not valid. */
export async function pageOf(
  app: AppContext,
  request: FastifyRequest,
  sessionId: string,
): Promise<PageSession> {
  const page = await sessionOfRequest(app, request.cookies, sessionId);
  if (!page) throw new HeraldError(660);
  request.connectBack = pageUrl(app, sessionId);
  return page;
}

export function pageUrl(app: AppContext, sessionId: string, query?: Record<string, string>): string {
  const url = `${app.config.publicUrl}/connect/${sessionId}`;
  return query ? `${url}?${new URLSearchParams(query)}` : url;
}

/**
 * A form of the page posts from the page's own origin. The session cookie is SameSite=Lax
 * (no cross-site POST carries it); a browser's Origin naming another site is refused too.
 */
export function checkOrigin(app: AppContext, request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return;
  if (origin !== new URL(app.config.publicUrl).origin) throw new HeraldError(660);
}
