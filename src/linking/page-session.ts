import type { AppContext } from '../app/context.ts';
import { findLiveSession, type LinkSession } from '../db/link-sessions.ts';
import { findProfile, type Profile } from '../db/profiles.ts';
import { connectIssuer } from './connect-link.ts';
import { verifyConnectToken } from './connect-token.ts';

/**
 * A connect page is bound to its JWT: opening the generateJWT URL puts the JWT in a
 * cookie named after its session (HttpOnly, SameSite=Lax, path /connect, Secure over
 * https) and every later request of that page (its forms, the networks' callbacks)
 * must carry it. So an authorization can only be finished in the browser that started
 * it (the `state` CSRF binding), and several pages (profiles) can be open side by side.
 */

export const COOKIE_PREFIX = 'herald_connect_';

export function cookieName(sessionId: string): string {
  return `${COOKIE_PREFIX}${sessionId}`;
}

export interface PageSession {
  session: LinkSession;
  profile: Profile;
  token: string;
}

/** The session a connect token names, when the token verifies and the session still lives. */
export async function sessionOfToken(app: AppContext, token: string): Promise<PageSession | undefined> {
  const verified = await verifyConnectToken(app.secretKey, connectIssuer(app), token);
  if (!verified.ok) return undefined;
  const session = await findLiveSession(app.pool, verified.claims.sessionId);
  if (!session) return undefined;
  const profile = await findProfile(app.pool, { refId: verified.claims.refId });
  if (!profile || profile.id !== session.profileId) return undefined;
  return { session, profile, token };
}

/** The page session of a request: its cookie for that session, verified; undefined otherwise. */
export async function sessionOfRequest(
  app: AppContext,
  cookies: Readonly<Record<string, string | undefined>>,
  sessionId: string,
): Promise<PageSession | undefined> {
  const token = cookies[cookieName(sessionId)];
  if (!token) return undefined;
  const page = await sessionOfToken(app, token);
  return page?.session.id === sessionId ? page : undefined;
}

export function cookieOptions(app: AppContext, session: LinkSession) {
  const base = new URL(app.config.publicUrl);
  return {
    path: `${base.pathname.replace(/\/$/, '')}/connect`,
    httpOnly: true,
    // Lax: sent on the network's top-level redirect back to the callback, never on a cross-site POST.
    sameSite: 'lax' as const,
    secure: base.protocol === 'https:',
    maxAge: Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
  };
}
