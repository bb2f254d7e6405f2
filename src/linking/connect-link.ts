import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { encryptJson } from '../config/secrets.ts';
import { API_KEY_HEADER, API_SECRET_HEADER, missingKeys } from '../connectors/twitter/byo-keys.ts';
import { endSessionsOf, insertLinkSession } from '../db/link-sessions.ts';
import { inTransaction } from '../db/pool.ts';
import type { Profile } from '../db/profiles.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { unknownPlatformError } from '../errors/platform-error.ts';
import { isPlatform, type Platform } from '../platforms.ts';
import { signConnectToken, verifyConnectToken } from './connect-token.ts';

/** Ayrshare's default life of a connect URL, and its bounds (minutes). */
export const DEFAULT_EXPIRES_IN = 5;
export const MAX_EXPIRES_IN = 2880;

export interface ConnectLinkRequest {
  expiresIn?: number;
  allowedSocial?: string[];
  redirect?: string;
  logout?: boolean;
  /** X's BYO app keys, from the headers or the body (twitterApiKey / twitterApiSecret). */
  xKeys: Readonly<Record<string, string>>;
}

export interface ConnectLink {
  token: string;
  url: string;
  expiresIn: number;
}

/** The issuer of connect tokens: this Herald, as the public sees it. */
export function connectIssuer(app: AppContext): string {
  return `${app.config.publicUrl}/connect`;
}

function redirectOf(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HeraldError({ code: 604, params: { problem: 'redirect must be an absolute http(s) URL' } });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new HeraldError({ code: 604, params: { problem: 'redirect must be an absolute http(s) URL' } });
  return url.href;
}

function allowedOf(values: readonly string[] | undefined): Platform[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const unknown = values.find((v) => !isPlatform(v));
  if (unknown !== undefined) throw new HeraldError(unknownPlatformError(unknown));
  return [...new Set(values as Platform[])];
}

/** X's keys are optional here, but never half: one without the other is 419 naming the missing one. */
function sealedKeys(app: AppContext, keys: Readonly<Record<string, string>>): string | undefined {
  const given = Object.values(keys).some((v) => v.trim() !== '');
  if (!given) return undefined;
  const missing = missingKeys(keys);
  if (missing) throw new HeraldError(missing);
  return encryptJson(app.secretKey, {
    [API_KEY_HEADER]: keys[API_KEY_HEADER]?.trim(),
    [API_SECRET_HEADER]: keys[API_SECRET_HEADER]?.trim(),
  });
}

/**
 * POST /api/profiles/generateJWT: a connect page for the profile, alive `expiresIn`
 * minutes. Its JWT names the page session (jti); X's keys, when given, are sealed in
 * that session and die with it.
 */
export async function createConnectLink(
  app: AppContext,
  profile: Profile,
  request: ConnectLinkRequest,
): Promise<ConnectLink> {
  const expiresIn = request.expiresIn ?? DEFAULT_EXPIRES_IN;
  const allowedSocial = allowedOf(request.allowedSocial);
  const redirect = redirectOf(request.redirect);
  const sealedSecrets = sealedKeys(app, request.xKeys);
  const now = Date.now();
  const session = {
    id: randomUUID(),
    profileId: profile.id,
    expiresAt: new Date(now + expiresIn * 60_000),
    ...(allowedSocial ? { allowedSocial } : {}),
    ...(redirect ? { redirect } : {}),
    ...(sealedSecrets ? { sealedSecrets } : {}),
  };
  await inTransaction(app.pool, async (tx) => {
    if (request.logout === true) await endSessionsOf(tx, profile.id);
    await insertLinkSession(tx, session);
  });
  const token = await signConnectToken(app.secretKey, connectIssuer(app), {
    sessionId: session.id,
    refId: profile.refId,
    expiresAt: session.expiresAt,
    issuedAt: new Date(now),
  });
  // Signed and checked before it leaves (what Ayrshare's `verify` asks for, always done here).
  const check = await verifyConnectToken(app.secretKey, connectIssuer(app), token);
  if (!check.ok) throw new Error('a connect token Herald just signed does not verify');
  return { token, url: `${app.config.publicUrl}/connect?jwt=${encodeURIComponent(token)}`, expiresIn };
}
