import type pg from 'pg';

/**
 * Copies of one scheduled post that Herald accepted through its API, written straight
 * to the database in bulk (accepting 100,000 posts over HTTP would take minutes): each
 * copy is the template's post row and target rows with new ids and its own due time, the
 * target's job waiting on the row until due (`job_due_at`, `job_secrets`) exactly as the
 * accept path writes it: no graphile-worker job until the scheduler makes it. The rows are
 * generic copies (`jsonb_populate_record`), so columns added by later migrations come along.
 */
export async function seedScheduledCopies(
  db: pg.Client,
  templatePostId: string,
  copies: { first: number; count: number; dueAt: (i: number) => Date },
): Promise<void> {
  const CHUNK = 5000;
  for (let start = 0; start < copies.count; start += CHUNK) {
    const n = Math.min(CHUNK, copies.count - start);
    const ids: string[] = [];
    const due: string[] = [];
    for (let i = start; i < start + n; i++) {
      // 20 characters, the shape of Herald's post ids, never one Herald makes (digits after B).
      ids.push(`B${String(copies.first + i).padStart(19, '0')}`);
      due.push(copies.dueAt(i).toISOString());
    }
    await db.query('BEGIN');
    try {
      await db.query(
        `INSERT INTO posts
         SELECT (jsonb_populate_record(NULL::posts, to_jsonb(p) || jsonb_build_object(
                  'id', c.id, 'schedule_date', c.due, 'due_at', c.due, 'created_at', now(),
                  'idempotency_key', NULL, 'request_hash', NULL))).*
         FROM posts p, unnest($2::text[], $3::timestamptz[]) AS c (id, due)
         WHERE p.id = $1`,
        [templatePostId, ids, due],
      );
      await db.query(
        `INSERT INTO targets
         SELECT (jsonb_populate_record(NULL::targets, to_jsonb(t) || jsonb_build_object(
                  'id', gen_random_uuid(), 'post_id', c.id, 'updated_at', now(), 'job_due_at', c.due))).*
         FROM targets t, unnest($2::text[], $3::timestamptz[]) AS c (id, due)
         WHERE t.post_id = $1`,
        [templatePostId, ids, due],
      );
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}
