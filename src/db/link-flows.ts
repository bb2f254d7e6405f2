import { randomUUID } from 'node:crypto';
import type { Platform } from '../platforms.ts';
import type { Queryable } from './pool.ts';

/**
 * One network authorization started from a connect page. Its `state` is stored as a
 * SHA-256 hash; `sealed` holds (encrypted) what the callback needs, then the grant and
 * the choices while the user picks.
 */
export interface LinkFlow {
  id: string;
  sessionId: string;
  profileId: string;
  platform: Platform;
  sealed: string;
  stage: 'authorizing' | 'choosing' | 'done';
  expiresAt: Date;
}

interface Row {
  id: string;
  session_id: string;
  profile_id: string;
  platform: Platform;
  sealed: string;
  stage: LinkFlow['stage'];
  expires_at: Date;
}

const toFlow = (r: Row): LinkFlow => ({
  id: r.id,
  sessionId: r.session_id,
  profileId: r.profile_id,
  platform: r.platform,
  sealed: r.sealed,
  stage: r.stage,
  expiresAt: r.expires_at,
});

export async function insertFlow(
  db: Queryable,
  flow: Omit<LinkFlow, 'id' | 'stage'> & { stateHash: string },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO link_flows (id, session_id, profile_id, platform, state_hash, sealed, stage, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'authorizing', $7)`,
    [id, flow.sessionId, flow.profileId, flow.platform, flow.stateHash, flow.sealed, flow.expiresAt],
  );
  return id;
}

/**
 * The one use of a state: marks it used and returns its flow, in one statement, only
 * while it is unused, unexpired and of this network. A second callback with the same
 * state (a replay, a double submit) finds nothing.
 */
export async function consumeState(
  db: Queryable,
  stateHash: string,
  platform: Platform,
): Promise<LinkFlow | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE link_flows SET used_at = now()
     WHERE state_hash = $1 AND platform = $2 AND used_at IS NULL AND stage = 'authorizing' AND expires_at > now()
     RETURNING *`,
    [stateHash, platform],
  );
  return rows[0] ? toFlow(rows[0]) : undefined;
}

/** The network answered with several accounts: keep the grant and the choices (sealed) for the pick. */
export async function awaitChoice(db: Queryable, id: string, sealed: string): Promise<void> {
  await db.query(`UPDATE link_flows SET stage = 'choosing', sealed = $2 WHERE id = $1`, [id, sealed]);
}

export async function findChoosingFlow(
  db: Queryable,
  id: string,
  sessionId: string,
): Promise<LinkFlow | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM link_flows WHERE id = $1 AND session_id = $2 AND stage = 'choosing' AND expires_at > now()`,
    [id, sessionId],
  );
  return rows[0] ? toFlow(rows[0]) : undefined;
}

/** The pick is single-use too; the grant is dropped from the row once linked. */
export async function finishChoosing(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE link_flows SET stage = 'done', sealed = '' WHERE id = $1 AND stage = 'choosing'`,
    [id],
  );
  return (rowCount ?? 0) > 0;
}

export async function markFlowDone(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE link_flows SET stage = 'done', sealed = '' WHERE id = $1`, [id]);
}
