import type { Platform } from '../platforms.ts';
import type { Queryable } from './pool.ts';

/** One connect page, opened by generateJWT; it ends when its JWT does. */
export interface LinkSession {
  id: string;
  profileId: string;
  expiresAt: Date;
  /** Only these networks are shown; undefined: every network. */
  allowedSocial?: Platform[];
  redirect?: string;
  /** X's BYO app keys, sealed (AES-256-GCM); never stored in clear. */
  sealedSecrets?: string;
  endedAt?: Date;
}

interface Row {
  id: string;
  profile_id: string;
  expires_at: Date;
  allowed_social: Platform[] | null;
  redirect: string | null;
  sealed_secrets: string | null;
  ended_at: Date | null;
}

const toSession = (r: Row): LinkSession => ({
  id: r.id,
  profileId: r.profile_id,
  expiresAt: r.expires_at,
  ...(r.allowed_social ? { allowedSocial: r.allowed_social } : {}),
  ...(r.redirect ? { redirect: r.redirect } : {}),
  ...(r.sealed_secrets ? { sealedSecrets: r.sealed_secrets } : {}),
  ...(r.ended_at ? { endedAt: r.ended_at } : {}),
});

export async function insertLinkSession(db: Queryable, session: LinkSession): Promise<void> {
  await db.query(
    `INSERT INTO link_sessions (id, profile_id, expires_at, allowed_social, redirect, sealed_secrets)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      session.id,
      session.profileId,
      session.expiresAt,
      session.allowedSocial ?? null,
      session.redirect ?? null,
      session.sealedSecrets ?? null,
    ],
  );
}

/** A live session: not ended and not past its end. */
export async function findLiveSession(db: Queryable, id: string): Promise<LinkSession | undefined> {
  const { rows } = await db.query<Row>(
    'SELECT * FROM link_sessions WHERE id = $1 AND ended_at IS NULL AND expires_at > now()',
    [id],
  );
  return rows[0] ? toSession(rows[0]) : undefined;
}

/** generateJWT with logout: true ends the profile's earlier pages at once. */
export async function endSessionsOf(db: Queryable, profileId: string): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE link_sessions SET ended_at = now() WHERE profile_id = $1 AND ended_at IS NULL',
    [profileId],
  );
  return rowCount ?? 0;
}

/** Expired sessions go (their flows with them): sealed keys live no longer than the page. */
export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    "DELETE FROM link_sessions WHERE expires_at < now() OR ended_at < now() - interval '1 hour'",
  );
  return rowCount ?? 0;
}
