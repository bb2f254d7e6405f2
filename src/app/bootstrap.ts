import type pg from 'pg';
import { generateKey, hashKey } from '../config/secrets.ts';
import { countApiKeys, insertApiKey } from '../db/api-keys.ts';
import { inTransaction } from '../db/pool.ts';
import { findPrimaryProfile, insertProfile } from '../db/profiles.ts';

const LOCK_ID = 4_242_002;

/**
 * First start: creates the primary profile and its first API key, and returns
 * the key so the caller prints it once (it is stored only hashed). With
 * HERALD_API_KEY set, that value becomes the key. Later starts return undefined.
 */
export async function bootstrap(
  pool: pg.Pool,
  initialApiKey: string | undefined,
): Promise<string | undefined> {
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    if (!(await findPrimaryProfile(tx)))
      await insertProfile(tx, { title: 'Primary', isPrimary: true, keyHash: null });
    if ((await countApiKeys(tx)) > 0) return undefined;
    const key = initialApiKey ?? generateKey();
    await insertApiKey(tx, hashKey(key), key.slice(0, 7), initialApiKey ? 'HERALD_API_KEY' : 'first start');
    return key;
  });
}

export async function createApiKey(pool: pg.Pool, label: string): Promise<string> {
  const key = generateKey();
  await insertApiKey(pool, hashKey(key), key.slice(0, 7), label);
  return key;
}
