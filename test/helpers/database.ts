import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const TEMPLATE_DB = 'herald_template';

/** A fresh, migrated database for one test file (a clone of the template). */
export async function createTestDatabase(): Promise<string> {
  const admin = inject('pgAdminUrl');
  const name = `herald_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A profile with one sandbox LinkedIn account, written straight into `db`: what the tests of
 * single statements need for the foreign keys of their posts and targets.
 */
export async function insertProfileWithAccount(
  db: Pick<pg.Client, 'query'>,
  ids: { profile: string; account: string; refId: string },
): Promise<void> {
  await db.query(`INSERT INTO profiles (id, title, ref_id, is_primary) VALUES ($1, 'p', $2, false)`, [
    ids.profile,
    ids.refId,
  ]);
  await db.query(
    `INSERT INTO accounts (id, profile_id, platform, sandbox, external_id, username, display_name, profile_url, credentials)
     VALUES ($1, $2, 'linkedin', true, 'x', 'u', 'd', 'https://x', 'c')`,
    [ids.account, ids.profile],
  );
}
