import type pg from 'pg';

/**
 * Makes the claim of chosen posts' targets fail with an error that is not transient
 * (P0001), as a bug or a constraint of Herald's own would: the claim of a post whose text
 * is in `claim_refused` is refused until the text is taken out (`refuseClaims`,
 * `allowClaims`). The publish job fails and graphile-worker retries it with its back-off.
 */
export async function installClaimRefusal(pool: pg.Pool): Promise<void> {
  await pool.query(`
    CREATE TABLE claim_refused (text text PRIMARY KEY);
    CREATE FUNCTION refuse_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM claim_refused r JOIN posts p ON p.text = r.text WHERE p.id = NEW.post_id) THEN
        RAISE EXCEPTION 'claim refused by the test' USING ERRCODE = 'P0001';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_claim BEFORE UPDATE ON targets FOR EACH ROW
      WHEN (OLD.state = 'queued' AND NEW.state = 'sending') EXECUTE FUNCTION refuse_claim();`);
}

/** The error the refused claim fails with (a job's `last_error` contains it). */
export const CLAIM_REFUSED = 'claim refused by the test';

export async function refuseClaims(pool: pg.Pool, text: string): Promise<void> {
  await pool.query('INSERT INTO claim_refused VALUES ($1)', [text]);
}

export async function allowClaims(pool: pg.Pool, text: string): Promise<void> {
  await pool.query('DELETE FROM claim_refused WHERE text = $1', [text]);
}
