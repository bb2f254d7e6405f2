import { type GraphClient, isObject } from '../shared/graph-client.ts';
import { headerWaitSeconds } from '../shared/graph-errors.ts';

/** Without any signal of when the limit lifts, the seed's example wait. */
export const DEFAULT_RETRY_AFTER_S = 3600;

interface PublishingLimit {
  usage: number;
  total: number;
  durationS: number;
}

async function publishingLimit(client: GraphClient, igUserId: string): Promise<PublishingLimit | undefined> {
  const answer = await client.get([igUserId, 'content_publishing_limit'], { fields: 'quota_usage,config' });
  if (!answer.ok) return undefined;
  const [first] = Array.isArray(answer.value.data) ? answer.value.data : [];
  if (!isObject(first) || !isObject(first.config)) return undefined;
  const { quota_usage: usage } = first;
  const { quota_total: total, quota_duration: durationS } = first.config;
  return typeof usage === 'number' && typeof total === 'number' && typeof durationS === 'number'
    ? { usage, total, durationS }
    : undefined;
}

/** Timestamps (ms) of the account's newest posts, newest first. */
async function recentTimes(client: GraphClient, igUserId: string, limit: number): Promise<number[]> {
  const answer = await client.get([igUserId, 'media'], { fields: 'timestamp', limit });
  if (!answer.ok || !Array.isArray(answer.value.data)) return [];
  return answer.value.data
    .map((item) =>
      isObject(item) && typeof item.timestamp === 'string' ? Date.parse(item.timestamp) : Number.NaN,
    )
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => b - a);
}

/**
 * When the publishing limit lifts: the window is `quota_duration` long and holds
 * `quota_usage` posts, so it frees a slot when the oldest of them (the quota_usage-th
 * newest post) leaves it. Without the post times, a whole window is the safe answer.
 */
async function limitWaitSeconds(
  client: GraphClient,
  igUserId: string,
  nowMs: number,
): Promise<number | undefined> {
  const limit = await publishingLimit(client, igUserId);
  if (!limit || limit.usage < limit.total) return undefined;
  const times = await recentTimes(client, igUserId, limit.usage);
  const oldest = times[limit.usage - 1];
  if (oldest === undefined) return limit.durationS;
  return Math.max(1, Math.ceil((oldest + limit.durationS * 1000 - nowMs) / 1000));
}

/**
 * Seconds to wait after a 435: Meta's `Retry-After` header, else the BUC header's
 * `estimated_time_to_regain_access`, else (for the publishing limit) computed from the
 * content_publishing_limit endpoint, else the seed's hour.
 */
export async function retryAfterSeconds(
  headers: Headers,
  publishingLimitHit: boolean,
  client: GraphClient,
  igUserId: string,
  nowMs = Date.now(),
): Promise<number> {
  const fromHeaders = headerWaitSeconds(headers, nowMs);
  if (fromHeaders !== undefined) return fromHeaders;
  if (publishingLimitHit) {
    const computed = await limitWaitSeconds(client, igUserId, nowMs);
    if (computed !== undefined) return computed;
  }
  return DEFAULT_RETRY_AFTER_S;
}
