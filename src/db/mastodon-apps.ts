import type { Queryable } from './pool.ts';

/** Herald's app on one Mastodon instance (registered once, reused for every user there). */
export interface MastodonApp {
  instance: string;
  redirectUri: string;
  clientId: string;
  /** Sealed (AES-256-GCM). */
  sealedSecret: string;
}

export async function findMastodonApp(db: Queryable, instance: string): Promise<MastodonApp | undefined> {
  const { rows } = await db.query<{
    instance: string;
    redirect_uri: string;
    client_id: string;
    sealed_secret: string;
  }>('SELECT instance, redirect_uri, client_id, sealed_secret FROM mastodon_apps WHERE instance = $1', [
    instance,
  ]);
  const row = rows[0];
  return row
    ? {
        instance: row.instance,
        redirectUri: row.redirect_uri,
        clientId: row.client_id,
        sealedSecret: row.sealed_secret,
      }
    : undefined;
}

/** A new registration replaces the old (Herald's public URL, so its redirect URI, changed). */
export async function saveMastodonApp(db: Queryable, app: MastodonApp): Promise<void> {
  await db.query(
    `INSERT INTO mastodon_apps (instance, redirect_uri, client_id, sealed_secret) VALUES ($1, $2, $3, $4)
     ON CONFLICT (instance) DO UPDATE SET redirect_uri = EXCLUDED.redirect_uri, client_id = EXCLUDED.client_id,
       sealed_secret = EXCLUDED.sealed_secret, created_at = now()`,
    [app.instance, app.redirectUri, app.clientId, app.sealedSecret],
  );
}
