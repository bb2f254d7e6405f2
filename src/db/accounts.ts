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
}

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
});

/** Links (or re-links) the profile's one account of that platform. */
export async function upsertAccount(
  db: Queryable,
  input: Omit<AccountRecord, 'id' | 'createdAt'>,
): Promise<AccountRecord> {
  const { rows } = await db.query<AccountRow>(
    `INSERT INTO accounts (id, profile_id, platform, sandbox, external_id, username, display_name, profile_url, credentials)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (profile_id, platform) DO UPDATE SET sandbox = EXCLUDED.sandbox, external_id = EXCLUDED.external_id,
       username = EXCLUDED.username, display_name = EXCLUDED.display_name, profile_url = EXCLUDED.profile_url,
       credentials = EXCLUDED.credentials, created_at = now()
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

export async function deleteAccount(db: Queryable, profileId: string, platform: Platform): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM accounts WHERE profile_id = $1 AND platform = $2', [
    profileId,
    platform,
  ]);
  return (rowCount ?? 0) > 0;
}

export async function updateSealedCredentials(db: Queryable, id: string, sealed: string): Promise<void> {
  await db.query('UPDATE accounts SET credentials = $2 WHERE id = $1', [id, sealed]);
}
