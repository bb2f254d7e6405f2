import type { ErrorSpec } from '../../errors/build.ts';
import type { ConnectorContext } from '../types.ts';

/**
 * What a YouTube publish already did, kept by the core across attempts: the open
 * upload session, then the video id, then the thumbnail and playlist steps. A
 * retry reads it and resumes; it never uploads a second video.
 */
export interface YouTubeProgress {
  /** The target this belongs to: a context shared by several publishes never mixes them up. */
  targetId: string;
  session?: { uri: string; size: number | null; type: string };
  videoId?: string;
  /** The thumbnail step ran: the warning it produced, if any. */
  thumbnail?: { warning: ErrorSpec | null };
  playlisted?: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadProgress(ctx: ConnectorContext, targetId: string): YouTubeProgress {
  const stored = ctx.progress.load();
  if (!isObject(stored) || stored.targetId !== targetId) return { targetId };
  const progress: YouTubeProgress = { targetId };
  const { session, videoId, thumbnail, playlisted } = stored;
  if (isObject(session) && typeof session.uri === 'string' && typeof session.type === 'string') {
    progress.session = {
      uri: session.uri,
      size: typeof session.size === 'number' ? session.size : null,
      type: session.type,
    };
  }
  if (typeof videoId === 'string') progress.videoId = videoId;
  if (isObject(thumbnail)) {
    progress.thumbnail = {
      warning: isObject(thumbnail.warning) ? (thumbnail.warning as unknown as ErrorSpec) : null,
    };
  }
  if (playlisted === true) progress.playlisted = true;
  return progress;
}

export async function saveProgress(ctx: ConnectorContext, progress: YouTubeProgress): Promise<void> {
  await ctx.progress.save({ ...progress });
}
