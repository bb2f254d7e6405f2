import { createApiKey } from '../app/bootstrap.ts';
import { loadConfig } from '../config/config.ts';
import type { Env } from '../config/env.ts';
import { listApiKeys, revokeApiKey } from '../db/api-keys.ts';
import { waitingNotice } from '../db/database-unreachable.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { createPool } from '../db/pool.ts';

/** `herald keys create [--label L] | list | revoke <prefix|id>`: works beside a running server. */
export async function keys(
  env: Env,
  positional: string[],
  flags: Record<string, string | true>,
): Promise<number> {
  const config = loadConfig(env);
  const db = await openDatabase(config, () => {}, waitingNotice);
  await migrate(db.url);
  const pool = createPool(db.url, 2, () => {});
  try {
    const [action, arg] = positional;
    if (action === 'create') {
      const label = typeof flags.label === 'string' ? flags.label : 'cli';
      process.stdout.write(`${await createApiKey(pool, label)}\n`);
      return 0;
    }
    if (action === 'list') {
      for (const key of await listApiKeys(pool)) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
        process.stdout.write(`${key.prefix}…  ${key.label}  ${key.createdAt.toISOString()}  ${state}\n`);
      }
      return 0;
    }
    if (action === 'revoke' && arg) {
      const n = await revokeApiKey(pool, arg);
      process.stdout.write(n > 0 ? `revoked ${n} key(s)\n` : `no active key matches ${arg}\n`);
      return n > 0 ? 0 : 1;
    }
    process.stderr.write('usage: herald keys create [--label L] | list | revoke <prefix|id>\n');
    return 2;
  } finally {
    await pool.end();
    await db.embedded?.stop();
  }
}
