import { randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './pool.ts';

export interface Profile {
  id: string;
  title: string;
  refId: string;
  isPrimary: boolean;
  createdAt: Date;
}

interface ProfileRow {
  id: string;
  title: string;
  ref_id: string;
  is_primary: boolean;
  created_at: Date;
}

const toProfile = (r: ProfileRow): Profile => ({
  id: r.id,
  title: r.title,
  refId: r.ref_id,
  isPrimary: r.is_primary,
  createdAt: r.created_at,
});

const COLUMNS = 'id, title, ref_id, is_primary, created_at';

export function newRefId(): string {
  return randomBytes(20).toString('hex');
}

export async function findPrimaryProfile(db: Queryable): Promise<Profile | undefined> {
  const { rows } = await db.query<ProfileRow>(`SELECT ${COLUMNS} FROM profiles WHERE is_primary`);
  return rows[0] ? toProfile(rows[0]) : undefined;
}

export async function insertProfile(
  db: Queryable,
  input: { title: string; isPrimary: boolean; keyHash: string | null },
): Promise<Profile | undefined> {
  const { rows } = await db.query<ProfileRow>(
    `INSERT INTO profiles (id, title, ref_id, is_primary, key_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (title) DO NOTHING RETURNING ${COLUMNS}`,
    [randomUUID(), input.title, newRefId(), input.isPrimary, input.keyHash],
  );
  return rows[0] ? toProfile(rows[0]) : undefined;
}

export async function findProfileByKeyHash(db: Queryable, keyHash: string): Promise<Profile | undefined> {
  const { rows } = await db.query<ProfileRow>(`SELECT ${COLUMNS} FROM profiles WHERE key_hash = $1`, [
    keyHash,
  ]);
  return rows[0] ? toProfile(rows[0]) : undefined;
}

export async function listProfiles(
  db: Queryable,
  filter: { title?: string; refId?: string },
): Promise<Profile[]> {
  const { rows } = await db.query<ProfileRow>(
    `SELECT ${COLUMNS} FROM profiles WHERE NOT is_primary
       AND ($1::text IS NULL OR title = $1) AND ($2::text IS NULL OR ref_id = $2)
     ORDER BY created_at`,
    [filter.title ?? null, filter.refId ?? null],
  );
  return rows.map(toProfile);
}

export async function findProfile(
  db: Queryable,
  by: { title?: string; keyHash?: string; refId?: string },
): Promise<Profile | undefined> {
  const { rows } = await db.query<ProfileRow>(
    `SELECT ${COLUMNS} FROM profiles
     WHERE ($1::text IS NOT NULL AND title = $1) OR ($2::text IS NOT NULL AND key_hash = $2) OR ($3::text IS NOT NULL AND ref_id = $3)`,
    [by.title ?? null, by.keyHash ?? null, by.refId ?? null],
  );
  return rows[0] ? toProfile(rows[0]) : undefined;
}

export async function renameProfile(db: Queryable, id: string, title: string): Promise<'ok' | 'taken'> {
  try {
    await db.query('UPDATE profiles SET title = $2 WHERE id = $1', [id, title]);
    return 'ok';
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return 'taken';
    throw err;
  }
}

export async function deleteProfile(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM profiles WHERE id = $1 AND NOT is_primary', [id]);
}
