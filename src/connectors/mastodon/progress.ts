import type { ConnectorContext } from '../types.ts';
import { isObject } from './wire.ts';

/**
 * What a Mastodon publish already did, kept across attempts (`ctx.progress`):
 * - `media`: attachments uploaded for the post, in order, so a retry does not upload
 *   them again (uploads are limited to 30 per 30 minutes) and polls one still processing;
 * - `statusSentAt`: when a status request first left without a definite answer. From
 *   then on the status may exist, and only a re-send with the same Idempotency-Key
 *   (remembered by the instance for one hour) can say so without posting twice.
 * `targetId` guards against progress of another target (a test context shares one).
 */
export interface UploadedMedia {
  id: string;
  /** When it was uploaded (ISO): the instance removes unattached media after a while. */
  at: string;
  /** Processed (200 with a URL): no need to ask again. */
  ready: boolean;
}

export interface MastodonProgress {
  media: UploadedMedia[];
  statusSentAt?: string;
  /**
   * When the last status request left, while its end is not known (no answer, or a 5xx).
   * The instance records a key only once it has created the status: a re-send while an
   * earlier request may still be running could create a second one, so none is sent
   * within SETTLE_MS of it (publish.ts). Cleared when the instance answers itself.
   */
  lastSentAt?: string;
}

export function loadProgress(ctx: ConnectorContext, targetId: string): MastodonProgress {
  const saved = ctx.progress.load();
  if (!saved || saved.targetId !== targetId) return { media: [] };
  const media = Array.isArray(saved.media)
    ? saved.media.filter(
        (item): item is UploadedMedia =>
          isObject(item) &&
          typeof item.id === 'string' &&
          typeof item.at === 'string' &&
          typeof item.ready === 'boolean',
      )
    : [];
  const progress: MastodonProgress = { media };
  if (typeof saved.statusSentAt === 'string') progress.statusSentAt = saved.statusSentAt;
  if (typeof saved.lastSentAt === 'string') progress.lastSentAt = saved.lastSentAt;
  return progress;
}

/** The progress as the target keeps it: `targetId` marks whose it is (see loadProgress). */
export function progressRecord(targetId: string, progress: MastodonProgress): Record<string, unknown> {
  return { targetId, ...progress, media: [...progress.media] };
}

export function saveProgress(ctx: ConnectorContext, targetId: string, progress: MastodonProgress) {
  return ctx.progress.save(progressRecord(targetId, progress));
}
