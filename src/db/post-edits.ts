import type { Queryable } from './pool.ts';
import {
  type PostRecord,
  type PostRow,
  type TargetRecord,
  type TargetRow,
  toPost,
  toTarget,
} from './posts.ts';

/**
 * The writes of the post lifecycle (PATCH /api/post). Each runs inside the edit's
 * transaction, after lockPostForEdit: the claim of a target locks the same post row
 * (FOR SHARE, src/db/targets.ts), so an edit and a claim never interleave.
 */

/**
 * The profile's post, locked until the transaction ends, with its targets as they are
 * once the lock is held. The targets are read, not locked: a claim locks the post before
 * its target, and DELETE /api/post cancels targets before it marks the post, so locking
 * targets here (post, then targets) could deadlock with a delete. A delete that cancels
 * targets meanwhile leaves this edit's jobs nothing to claim.
 */
export async function lockPostForEdit(
  db: Queryable,
  profileId: string,
  id: string,
): Promise<{ post: PostRecord; targets: TargetRecord[] } | undefined> {
  const { rows } = await db.query<PostRow>(
    'SELECT * FROM posts WHERE id = $1 AND profile_id = $2 FOR UPDATE',
    [id, profileId],
  );
  if (!rows[0]) return undefined;
  const targets = await db.query<TargetRow>('SELECT * FROM targets WHERE post_id = $1 ORDER BY platform', [
    id,
  ]);
  return { post: toPost(rows[0]), targets: targets.rows.map(toTarget) };
}

/** Columns an edit may write, by field of PostRecord. */
const COLUMNS = {
  text: 'text',
  mediaUrls: 'media_urls',
  isVideo: 'is_video',
  options: 'options',
  scheduleDate: 'schedule_date',
  dueAt: 'due_at',
  paused: 'paused',
  approvedAt: 'approved_at',
  notes: 'notes',
  autoSchedule: 'auto_schedule',
  type: 'type',
} as const;

export type PostChanges = Partial<Pick<PostRecord, keyof typeof COLUMNS>>;

export async function updatePost(db: Queryable, id: string, changes: PostChanges): Promise<void> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [
    keyof typeof COLUMNS,
    unknown,
  ][];
  if (entries.length === 0) return;
  const sets = entries.map(([field], i) => `${COLUMNS[field]} = $${i + 2}`);
  await db.query(`UPDATE posts SET ${sets.join(', ')} WHERE id = $1`, [
    id,
    ...entries.map(([field, value]) => (field === 'options' ? JSON.stringify(value) : value)),
  ]);
}

/** Only the notes: they never change what is sent, so they need no lock. */
export async function updateNotes(
  db: Queryable,
  profileId: string,
  id: string,
  notes: string,
): Promise<void> {
  await db.query('UPDATE posts SET notes = $3 WHERE id = $1 AND profile_id = $2', [id, profileId, notes]);
}

/** One network's stored option object (after its published YouTube video was updated). */
export async function updateStoredOptions(
  db: Queryable,
  id: string,
  platform: string,
  options: Record<string, unknown>,
): Promise<void> {
  await db.query(`UPDATE posts SET options = jsonb_set(options, ARRAY[$2::text], $3::jsonb) WHERE id = $1`, [
    id,
    platform,
    JSON.stringify(options),
  ]);
}

/**
 * What decides when a post's job may run, read under the post's lock (FOR SHARE): a
 * job whose claim was refused re-queues itself from this, never from a stale read.
 */
export async function readinessOf(
  db: Queryable,
  postId: string,
): Promise<Pick<PostRecord, 'paused' | 'requiresApproval' | 'approvedAt' | 'dueAt'> | undefined> {
  const { rows } = await db.query<PostRow>('SELECT * FROM posts WHERE id = $1 FOR SHARE', [postId]);
  return rows[0] ? toPost(rows[0]) : undefined;
}

/** The text each network is sent where caption enhancement rewrote it (null: the post's own). */
export async function updateTargetTexts(
  db: Queryable,
  postId: string,
  texts: readonly { platform: string; text: string | null }[],
): Promise<void> {
  if (texts.length === 0) return;
  await db.query(
    `UPDATE targets t SET text = x.text FROM unnest($2::text[], $3::text[]) AS x (platform, text)
     WHERE t.post_id = $1 AND t.platform = x.platform`,
    [postId, texts.map((x) => x.platform), texts.map((x) => x.text)],
  );
}
