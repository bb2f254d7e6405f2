import { randomUUID } from 'node:crypto';
import type { Platform } from '../platforms.ts';
import type { Queryable } from './pool.ts';

export interface AccountRecord {
  id: string;
  profileId: string;
  platform: Platform;
  sandbox: boolean;
  externalId: string;
  username: string;
  displayName: string;
  profileUrl: string;
  /** Sealed (encrypted) credentials: only the core's account service opens them. */
  sealedCredentials: string;
  createdAt: Date;
  /** When the access token stops working, when Herald renews it, and when only a relink helps. */
  token: TokenTimes;
  /** `needs-relink` once a refresh failed for good (or the token ran out with no way to renew it). */
  health: 'ok' | 'needs-relink';
  healthReason?: string;
  linkedVia: 'api' | 'connect';
  /** The account's picture (an https URL) when the network listed one at link time. */
  picture?: string;
}

export interface TokenTimes {
  expiresAt?: Date;
  /** About 80 % of the access token's life: the refresh job renews it then. */
  refreshAt?: Date;
  /** The last moment the account works without its owner (Ayrshare's refreshDaysRemaining). */
  relinkBy?: Date;
}

export type NewAccount = Omit<
  AccountRecord,
  'id' | 'createdAt' | 'health' | 'healthReason' | 'linkedVia' | 'token' | 'picture'
> & {
  token?: TokenTimes;
  linkedVia?: 'api' | 'connect';
  picture?: string;
};

interface AccountRow {
  id: string;
  profile_id: string;
  platform: Platform;
  sandbox: boolean;
  external_id: string;
  username: string;
  display_name: string;
  profile_url: string;
  credentials: string;
  created_at: Date;
  token_expires_at: Date | null;
  refresh_at: Date | null;
  relink_by: Date | null;
  health: 'ok' | 'needs-relink';
  health_reason: string | null;
  linked_via: 'api' | 'connect';
  user_image: string | null;
}

function timesOf(r: Pick<AccountRow, 'token_expires_at' | 'refresh_at' | 'relink_by'>): TokenTimes {
  return {
    ...(r.token_expires_at ? { expiresAt: r.token_expires_at } : {}),
    ...(r.refresh_at ? { refreshAt: r.refresh_at } : {}),
    ...(r.relink_by ? { relinkBy: r.relink_by } : {}),
  };
}

const toAccount = (r: AccountRow): AccountRecord => ({
  id: r.id,
  profileId: r.profile_id,
  platform: r.platform,
  sandbox: r.sandbox,
  externalId: r.external_id,
  username: r.username,
  displayName: r.display_name,
  profileUrl: r.profile_url,
  sealedCredentials: r.credentials,
  createdAt: r.created_at,
  token: timesOf(r),
  health: r.health,
  ...(r.health_reason ? { healthReason: r.health_reason } : {}),
  linkedVia: r.linked_via,
  ...(r.user_image ? { picture: r.user_image } : {}),
});

/** An accounts row as `to_jsonb(a)` gives it: its timestamps are ISO strings. */
export type AccountJson = Omit<AccountRow, 'created_at' | 'token_expires_at' | 'refresh_at' | 'relink_by'> & {
  created_at: string;
  token_expires_at: string | null;
  refresh_at: string | null;
  relink_by: string | null;
};

const dateOf = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** The account of a row read as JSON (the publish claim reads it with the target and post). */
export const accountFromJson = (j: AccountJson): AccountRecord =>
  toAccount({
    ...j,
    created_at: new Date(j.created_at),
    token_expires_at: dateOf(j.token_expires_at),
    refresh_at: dateOf(j.refresh_at),
    relink_by: dateOf(j.relink_by),
  });

/** Links (or re-links) the profile's one account of that platform; a relink starts healthy. */
export async function upsertAccount(db: Queryable, input: NewAccount): Promise<AccountRecord> {
  const { rows } = await db.query<AccountRow>(
    `INSERT INTO accounts (id, profile_id, platform, sandbox, external_id, username, display_name, profile_url, credentials,
       token_expires_at, refresh_at, relink_by, linked_via, user_image)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (profile_id, platform) DO UPDATE SET sandbox = EXCLUDED.sandbox, external_id = EXCLUDED.external_id,
       username = EXCLUDED.username, display_name = EXCLUDED.display_name, profile_url = EXCLUDED.profile_url,
       credentials = EXCLUDED.credentials, created_at = now(), token_expires_at = EXCLUDED.token_expires_at,
       refresh_at = EXCLUDED.refresh_at, relink_by = EXCLUDED.relink_by, linked_via = EXCLUDED.linked_via,
       user_image = EXCLUDED.user_image,
       health = 'ok', health_reason = NULL
     RETURNING *`,
    [
      randomUUID(),
      input.profileId,
      input.platform,
      input.sandbox,
      input.externalId,
      input.username,
      input.displayName,
      input.profileUrl,
      input.sealedCredentials,
      input.token?.expiresAt ?? null,
      input.token?.refreshAt ?? null,
      input.token?.relinkBy ?? null,
      input.linkedVia ?? 'api',
      input.picture ?? null,
    ],
  );
  return toAccount(rows[0] as AccountRow);
}

export async function listAccounts(db: Queryable, profileId: string): Promise<AccountRecord[]> {
  const { rows } = await db.query<AccountRow>(
    'SELECT * FROM accounts WHERE profile_id = $1 ORDER BY platform',
    [profileId],
  );
  return rows.map(toAccount);
}

export async function findAccountById(db: Queryable, id: string): Promise<AccountRecord | undefined> {
  const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
  return rows[0] ? toAccount(rows[0]) : undefined;
}

/** Unlinks; returns what was removed (its display name goes into the unlink event). */
export async function deleteAccount(
  db: Queryable,
  profileId: string,
  platform: Platform,
): Promise<AccountRecord | undefined> {
  const { rows } = await db.query<AccountRow>(
    'DELETE FROM accounts WHERE profile_id = $1 AND platform = $2 RETURNING *',
    [profileId, platform],
  );
  return rows[0] ? toAccount(rows[0]) : undefined;
}

export async function updateSealedCredentials(db: Queryable, id: string, sealed: string): Promise<void> {
  await db.query('UPDATE accounts SET credentials = $2 WHERE id = $1', [id, sealed]);
}

/** A refresh stored new credentials: new token times, healthy again. */
export async function saveRefreshed(
  db: Queryable,
  id: string,
  sealed: string,
  token: TokenTimes,
): Promise<void> {
  await db.query(
    `UPDATE accounts SET credentials = $2, token_expires_at = $3, refresh_at = $4, relink_by = $5,
       health = 'ok', health_reason = NULL WHERE id = $1`,
    [id, sealed, token.expiresAt ?? null, token.refreshAt ?? null, token.relinkBy ?? null],
  );
}

/** Only a relink helps now: posts to the account fail with its network's relink code before any call. */
export async function markNeedsRelink(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE accounts SET health = 'needs-relink', health_reason = $2, refresh_at = NULL WHERE id = $1`,
    [id, reason.slice(0, 500)],
  );
}

/**
 * Locks the account row for a refresh (the caller holds the advisory lock too). FOR NO KEY
 * UPDATE, not FOR UPDATE: the refresh waits on the network with the lock held, and FOR UPDATE
 * would also stop every row that only references the account (a new target's or budget
 * count's foreign key check takes FOR KEY SHARE), so each post to it, accepted or sent, would
 * wait for the token. The refresh changes no key, so this is the lock its UPDATE takes anyway.
 */
export async function findAccountForUpdate(db: Queryable, id: string): Promise<AccountRecord | undefined> {
  const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1 FOR NO KEY UPDATE', [id]);
  return rows[0] ? toAccount(rows[0]) : undefined;
}

/** Accounts whose access token is due for renewal (about 80 % of its life), oldest first. */
export async function accountsDueForRefresh(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM accounts WHERE health = 'ok' AND refresh_at <= now() ORDER BY refresh_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/** Accounts whose token ran out with no way to renew it (no refresh scheduled): they need their owner. */
export async function accountsPastRelinkBy(db: Queryable, limit: number): Promise<AccountRecord[]> {
  const { rows } = await db.query<AccountRow>(
    `SELECT * FROM accounts WHERE health = 'ok' AND NOT sandbox AND refresh_at IS NULL AND relink_by <= now()
     ORDER BY relink_by LIMIT $1`,
    [limit],
  );
  return rows.map(toAccount);
}
