import type { Queryable } from './pool.ts';

/** A file of a profile's media library (migration 014). */
export interface MediaRecord {
  id: string;
  profileId: string;
  fileName: string;
  originalName: string | null;
  description: string | null;
  contentType: string | null;
  size: number | null;
  status: 'pending' | 'ready';
  expectedType: string | null;
  uploadExpiresAt: Date | null;
  createdAt: Date;
  keepUntil: Date | null;
}

interface MediaRow {
  id: string;
  profile_id: string;
  file_name: string;
  original_name: string | null;
  description: string | null;
  content_type: string | null;
  size: string | null;
  status: 'pending' | 'ready';
  expected_type: string | null;
  upload_expires_at: Date | null;
  created_at: Date;
  keep_until: Date | null;
}

const toMedia = (r: MediaRow): MediaRecord => ({
  id: r.id,
  profileId: r.profile_id,
  fileName: r.file_name,
  originalName: r.original_name,
  description: r.description,
  contentType: r.content_type,
  size: r.size === null ? null : Number(r.size),
  status: r.status,
  expectedType: r.expected_type,
  uploadExpiresAt: r.upload_expires_at,
  createdAt: r.created_at,
  keepUntil: r.keep_until,
});

export interface NewMedia {
  id: string;
  profileId: string;
  fileName: string;
  originalName: string | null;
  description: string | null;
  contentType: string | null;
  size: number | null;
  status: 'pending' | 'ready';
  expectedType?: string | null;
  uploadTokenHash?: string | null;
  uploadExpiresAt?: Date | null;
  keepUntil: Date | null;
}

export async function insertMedia(db: Queryable, media: NewMedia): Promise<MediaRecord> {
  const { rows } = await db.query<MediaRow>(
    `INSERT INTO media (id, profile_id, file_name, original_name, description, content_type, size, status,
                        expected_type, upload_token_hash, upload_expires_at, keep_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
    [
      media.id,
      media.profileId,
      media.fileName,
      media.originalName,
      media.description,
      media.contentType,
      media.size,
      media.status,
      media.expectedType ?? null,
      media.uploadTokenHash ?? null,
      media.uploadExpiresAt ?? null,
      media.keepUntil,
    ],
  );
  return toMedia(rows[0] as MediaRow);
}

/**
 * Takes a signed PUT's token: the pending row it names, once. The token is cleared in
 * the same statement, so a second PUT with it finds nothing (single use), and an
 * expired token is never taken.
 */
export async function takeUploadToken(db: Queryable, tokenHash: string): Promise<MediaRecord | undefined> {
  const { rows } = await db.query<MediaRow>(
    `UPDATE media SET upload_token_hash = NULL
     WHERE upload_token_hash = $1 AND status = 'pending' AND upload_expires_at > now()
     RETURNING *`,
    [tokenHash],
  );
  return rows[0] ? toMedia(rows[0]) : undefined;
}

/** A pending upload arrived: its type and size, read from the bytes. */
export async function markMediaReady(
  db: Queryable,
  id: string,
  contentType: string,
  size: number,
): Promise<void> {
  await db.query(`UPDATE media SET status = 'ready', content_type = $2, size = $3 WHERE id = $1`, [
    id,
    contentType,
    size,
  ]);
}

export async function findMedia(
  db: Queryable,
  profileId: string,
  id: string,
): Promise<MediaRecord | undefined> {
  const { rows } = await db.query<MediaRow>('SELECT * FROM media WHERE id = $1 AND profile_id = $2', [
    id,
    profileId,
  ]);
  return rows[0] ? toMedia(rows[0]) : undefined;
}

export async function findMediaByFile(
  db: Queryable,
  profileId: string,
  fileName: string,
): Promise<MediaRecord | undefined> {
  const { rows } = await db.query<MediaRow>('SELECT * FROM media WHERE file_name = $1 AND profile_id = $2', [
    fileName,
    profileId,
  ]);
  return rows[0] ? toMedia(rows[0]) : undefined;
}

/** A page of the profile's library, newest first; `after` is the last id of the previous page. */
export async function listMedia(
  db: Queryable,
  profileId: string,
  limit: number,
  after?: { createdAt: Date; id: string },
): Promise<MediaRecord[]> {
  const { rows } = await db.query<MediaRow>(
    `SELECT * FROM media
     WHERE profile_id = $1 AND status = 'ready'
       AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
     ORDER BY created_at DESC, id DESC
     LIMIT $4`,
    [profileId, after?.createdAt ?? null, after?.id ?? null, limit],
  );
  return rows.map(toMedia);
}

export async function deleteMedia(
  db: Queryable,
  profileId: string,
  id: string,
): Promise<MediaRecord | undefined> {
  const { rows } = await db.query<MediaRow>(
    'DELETE FROM media WHERE id = $1 AND profile_id = $2 RETURNING *',
    [id, profileId],
  );
  return rows[0] ? toMedia(rows[0]) : undefined;
}

/**
 * A post uses these files: each is kept at least `retentionMs` past `usedAt` (the post's
 * time; a scheduled post's date). Only the profile's own files are touched. NULL
 * (kept forever) stays NULL.
 */
export async function keepMediaUntil(
  db: Queryable,
  profileId: string,
  fileNames: readonly string[],
  until: Date,
): Promise<void> {
  if (fileNames.length === 0) return;
  await db.query(
    `UPDATE media SET keep_until = greatest(keep_until, $3)
     WHERE profile_id = $1 AND file_name = ANY($2) AND keep_until IS NOT NULL`,
    [profileId, fileNames, until],
  );
}

/** Files the library still keeps (for the cleanup): every name whose keep_until is unset or later than `now`. */
export async function keptMediaFiles(db: Queryable, now: Date): Promise<Set<string>> {
  const { rows } = await db.query<{ file_name: string }>(
    'SELECT file_name FROM media WHERE keep_until IS NULL OR keep_until > $1',
    [now],
  );
  return new Set(rows.map((r) => r.file_name));
}

/** Library rows whose file the cleanup deleted. */
export async function forgetMediaFiles(db: Queryable, fileNames: readonly string[]): Promise<void> {
  if (fileNames.length === 0) return;
  await db.query('DELETE FROM media WHERE file_name = ANY($1)', [fileNames]);
}

/** Pending uploads whose signed PUT expired unused: nothing was stored, the row goes. */
export async function dropExpiredUploads(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM media WHERE status = 'pending' AND upload_expires_at <= $1`,
    [now],
  );
  return rowCount ?? 0;
}

/** A profile's uploads still waiting for their presigned PUT (at most 50, oldest first). */
export async function pendingOf(db: Queryable, profileId: string): Promise<MediaRecord[]> {
  const { rows } = await db.query<MediaRow>(
    `SELECT * FROM media WHERE profile_id = $1 AND status = 'pending' AND upload_token_hash IS NULL
     ORDER BY created_at LIMIT 50`,
    [profileId],
  );
  return rows.map(toMedia);
}
