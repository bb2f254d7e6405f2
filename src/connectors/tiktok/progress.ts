import type { ConnectorContext } from '../types.ts';

/**
 * What a TikTok publish already did: the publish id TikTok gave, and whether TikTok
 * holds the whole post (file uploaded, or photos handed over). A publish that finds a
 * complete one answers `pending` with it instead of posting again.
 */
export interface TikTokProgress {
  /** The target this belongs to: a context shared by several publishes never mixes them up. */
  targetId: string;
  publishId?: string;
  complete?: boolean;
}

export function loadProgress(ctx: ConnectorContext, targetId: string): TikTokProgress {
  const stored = ctx.progress.load();
  if (stored?.targetId !== targetId) return { targetId };
  const progress: TikTokProgress = { targetId };
  if (typeof stored.publishId === 'string') progress.publishId = stored.publishId;
  if (stored.complete === true) progress.complete = true;
  return progress;
}

export async function saveProgress(ctx: ConnectorContext, progress: TikTokProgress): Promise<void> {
  await ctx.progress.save({ ...progress });
}
