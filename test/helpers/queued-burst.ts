import type pg from 'pg';

/**
 * A quiet install's statistics, then a burst (migration 037): 300 published posts with a
 * target each on Facebook and Instagram, ANALYZEd; then `queued` targets queued and due at
 * once (posts `burst-1` …, two targets each), with no ANALYZE since. Autovacuum is off on
 * both tables so that none lands in between. Used by src/db/target-indexes.test.ts and
 * `npm run bench:claim-burst`.
 */
export async function seedQueuedBurst(db: pg.Client, queued: number): Promise<void> {
  await db.query('ALTER TABLE targets SET (autovacuum_enabled = false)');
  await db.query('ALTER TABLE posts SET (autovacuum_enabled = false)');
  await db.query(
    "INSERT INTO profiles (id, title, ref_id, is_primary) VALUES (gen_random_uuid(), 'p', 'r', true)",
  );
  await db.query(
    `INSERT INTO posts (id, profile_id, text, platforms, type)
     SELECT 'old-' || n, (SELECT id FROM profiles), 'x', '{facebook,instagram}', 'now' FROM generate_series(1, 300) n`,
  );
  await db.query(
    `INSERT INTO targets (id, post_id, platform, state, network_post_id, published_at)
     SELECT gen_random_uuid(), 'old-' || n, p, 'published', 'n-' || n, now()
     FROM generate_series(1, 300) n, unnest('{facebook,instagram}'::text[]) p`,
  );
  await db.query('ANALYZE targets');
  await db.query('ANALYZE posts');
  await db.query(
    `INSERT INTO posts (id, profile_id, text, platforms, type, due_at)
     SELECT 'burst-' || n, (SELECT id FROM profiles), 'x', '{facebook,instagram}', 'scheduled', now() - interval '1 s'
     FROM generate_series(1, $1::int / 2) n`,
    [queued],
  );
  await db.query(
    `INSERT INTO targets (id, post_id, platform, state)
     SELECT gen_random_uuid(), 'burst-' || n, p, 'queued'
     FROM generate_series(1, $1::int / 2) n, unnest('{facebook,instagram}'::text[]) p`,
    [queued],
  );
}
