import type { GraphClient, GraphFailure } from './graph-client.ts';
import { isObject, stringField } from './graph-client.ts';

/**
 * Finding a post Herald made among the account's recent posts, when the answer to the
 * publishing call was lost and no container is known to ask about.
 *
 * The rule: a post matches when its text equals the text Herald sent (ends trimmed) AND
 * it was created no earlier than the target (UUIDv7 target ids carry their creation
 * time), less a margin for clock skew. Exactly one match is the post; none means it is
 * not among the recent posts; two or more is ambiguous and is never guessed.
 *
 * Limits, stated honestly: only the newest page of posts is read (a burst of more
 * posts after ours hides it); a post whose text Meta changed (it does not today) is
 * not recognised; a post without text (a story) can never be matched; and a target id
 * without a timestamp (not UUIDv7) is matched on its text alone.
 */

export interface RecentPost {
  id: string;
  text: string;
  timestampMs: number | undefined;
  permalink: string | undefined;
}

export type RecentLookup =
  | { kind: 'found'; post: RecentPost }
  | { kind: 'absent' }
  | { kind: 'ambiguous'; ids: string[] }
  /** A post without text cannot be told apart from the account's other posts. */
  | { kind: 'unmatchable' }
  | { kind: 'failed'; failure: GraphFailure };

/** Clock skew allowed between Herald and Meta. */
const SKEW_MS = 5 * 60_000;
/** The newest posts read: more than Meta's per-minute posting pace allows after ours. */
export const RECENT_LIMIT = 25;

/** Creation time of a UUIDv7 target id (its first 48 bits), or undefined for other ids. */
export function targetTimeMs(targetId: string): number | undefined {
  const hex = targetId.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex) || hex[12] !== '7') return undefined;
  return Number.parseInt(hex.slice(0, 12), 16);
}

function parseTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * @param segments the listing edge: `[igUserId, 'media']` or `[threadsUserId, 'threads']`
 * @param textField `caption` (Instagram) or `text` (Threads)
 */
export async function findRecentPost(
  client: GraphClient,
  segments: readonly string[],
  textField: 'caption' | 'text',
  target: { targetId: string; text: string },
): Promise<RecentLookup> {
  if (target.text.trim() === '') return { kind: 'unmatchable' };
  const answer = await client.get(segments, {
    fields: `id,${textField},timestamp,permalink`,
    limit: RECENT_LIMIT,
  });
  if (!answer.ok) return { kind: 'failed', failure: answer.failure };
  const data = answer.value.data;
  const items = Array.isArray(data) ? data.filter(isObject) : [];
  const since = targetTimeMs(target.targetId);
  const wanted = target.text.trim();
  const matches: RecentPost[] = [];
  for (const item of items) {
    const id = stringField(item, 'id');
    const text = typeof item[textField] === 'string' ? (item[textField] as string) : undefined;
    if (!id || text === undefined || text.trim() !== wanted) continue;
    const timestampMs = parseTime(stringField(item, 'timestamp'));
    if (since !== undefined && (timestampMs === undefined || timestampMs < since - SKEW_MS)) continue;
    matches.push({ id, text, timestampMs, permalink: stringField(item, 'permalink') });
  }
  const [first, ...others] = matches;
  if (!first) return { kind: 'absent' };
  if (others.length > 0) return { kind: 'ambiguous', ids: matches.map((m) => m.id) };
  return { kind: 'found', post: first };
}
