import { randomUUID } from 'node:crypto';
import type { Queryable } from './pool.ts';

/** A webhook registration; `sealedSecret` is AES-256-GCM sealed and is opened only to sign. */
export interface WebhookRecord {
  id: string;
  profileId: string;
  action: string;
  url: string;
  sealedSecret: string;
  createdAt: Date;
  updatedAt: Date;
}

interface WebhookRow {
  id: string;
  profile_id: string;
  action: string;
  url: string;
  secret: string;
  created_at: Date;
  updated_at: Date;
}

const toWebhook = (r: WebhookRow): WebhookRecord => ({
  id: r.id,
  profileId: r.profile_id,
  action: r.action,
  url: r.url,
  sealedSecret: r.secret,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Registers (or re-registers) the profile's URL for an action. Without a new secret the
 * registration keeps the one it had, so moving a URL does not break verification;
 * `sealedSecret` is then only used for a first registration.
 */
export async function upsertWebhook(
  db: Queryable,
  input: { profileId: string; action: string; url: string; sealedSecret: string; replaceSecret: boolean },
): Promise<{ webhook: WebhookRecord; created: boolean }> {
  const { rows } = await db.query<WebhookRow & { created: boolean }>(
    `INSERT INTO webhooks (id, profile_id, action, url, secret) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (profile_id, action) DO UPDATE
       SET url = EXCLUDED.url, updated_at = now(),
           secret = CASE WHEN $6 THEN EXCLUDED.secret ELSE webhooks.secret END
     RETURNING *, (xmax = 0) AS created`,
    [randomUUID(), input.profileId, input.action, input.url, input.sealedSecret, input.replaceSecret],
  );
  const row = rows[0];
  if (!row) throw new Error('webhook upsert returned nothing');
  return { webhook: toWebhook(row), created: row.created };
}

export async function listWebhooks(db: Queryable, profileId: string): Promise<WebhookRecord[]> {
  const { rows } = await db.query<WebhookRow>(
    'SELECT * FROM webhooks WHERE profile_id = $1 ORDER BY action',
    [profileId],
  );
  return rows.map(toWebhook);
}

export async function deleteWebhook(db: Queryable, profileId: string, action: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM webhooks WHERE profile_id = $1 AND action = $2', [
    profileId,
    action,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Where a profile's event for this action goes: its own hook wins, else the primary profile's. */
export async function webhookFor(
  db: Queryable,
  profileId: string,
  action: string,
): Promise<WebhookRecord | undefined> {
  const { rows } = await db.query<WebhookRow>(
    `SELECT w.* FROM webhooks w JOIN profiles p ON p.id = w.profile_id
     WHERE w.action = $2 AND (w.profile_id = $1 OR p.is_primary)
     ORDER BY (w.profile_id = $1) DESC LIMIT 1`,
    [profileId, action],
  );
  return rows[0] ? toWebhook(rows[0]) : undefined;
}
