import { randomUUID } from 'node:crypto';
import type { Queryable } from './pool.ts';

export async function insertApiKey(
  db: Queryable,
  keyHash: string,
  prefix: string,
  label: string,
): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO api_keys (id, key_hash, prefix, label) VALUES ($1, $2, $3, $4)', [
    id,
    keyHash,
    prefix,
    label,
  ]);
  return id;
}

/** The id of the key with this hash, unless there is none or it was revoked. */
export async function activeApiKeyId(db: Queryable, keyHash: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [keyHash],
  );
  return rows[0]?.id;
}

export async function countApiKeys(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM api_keys');
  return Number(rows[0]?.n ?? 0);
}

export async function listApiKeys(
  db: Queryable,
): Promise<{ id: string; prefix: string; label: string; createdAt: Date; revokedAt: Date | null }[]> {
  const { rows } = await db.query<{
    id: string;
    prefix: string;
    label: string;
    created_at: Date;
    revoked_at: Date | null;
  }>('SELECT id, prefix, label, created_at, revoked_at FROM api_keys ORDER BY created_at');
  return rows.map((r) => ({
    id: r.id,
    prefix: r.prefix,
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiKey(db: Queryable, prefixOrId: string): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE api_keys SET revoked_at = now() WHERE revoked_at IS NULL AND (id::text = $1 OR prefix = $1)',
    [prefixOrId],
  );
  return rowCount ?? 0;
}
