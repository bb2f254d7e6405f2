import { hkdfSync } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * The token of a connect page (generateJWT's `token`): a JWT signed HS256 with a key
 * derived from HERALD_SECRET_KEY (HKDF, its own label), so Herald needs no key pair and
 * never takes one from the caller. `jti` names the page session, `sub` the profile's
 * refId; `exp` is the page's end. Only Herald verifies it.
 */

const AUDIENCE = 'herald-connect';
const ALGORITHM = 'HS256';

export function connectKey(secretKey: Buffer): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secretKey, new Uint8Array(0), 'herald connect page jwt v1', 32));
}

export interface ConnectClaims {
  sessionId: string;
  refId: string;
  expiresAt: Date;
  /** When the session was made (default: now): `exp - iat` is then exactly the life asked for. */
  issuedAt?: Date;
}

export async function signConnectToken(
  secretKey: Buffer,
  issuer: string,
  claims: ConnectClaims,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setSubject(claims.refId)
    .setJti(claims.sessionId)
    .setIssuedAt(Math.floor((claims.issuedAt ?? new Date()).getTime() / 1000))
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(connectKey(secretKey));
}

export type VerifiedToken =
  | { ok: true; claims: ConnectClaims }
  | { ok: false; reason: 'expired' | 'invalid' };

/** The claims of a token Herald signed and that has not expired; anything else is refused. */
export async function verifyConnectToken(
  secretKey: Buffer,
  issuer: string,
  token: string,
): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(token, connectKey(secretKey), {
      algorithms: [ALGORITHM],
      audience: AUDIENCE,
      issuer,
      requiredClaims: ['jti', 'sub', 'exp'],
    });
    return {
      ok: true,
      claims: {
        sessionId: String(payload.jti),
        refId: String(payload.sub),
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
