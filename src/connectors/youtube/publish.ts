import type { ErrorSpec } from '../../errors/build.ts';
import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { YouTubeClient } from './client.ts';
import { titleOf, youtubeDeclaration } from './declaration.ts';
import { describeFailure, failedOutcome, PLATFORM_NAME } from './errors.ts';
import { fetchThumbnail, type Thumbnail } from './media.ts';
import { loadProgress, saveProgress } from './progress.ts';
import { querySession, type VideoResource } from './resumable.ts';
import { applyThumbnail, legacyThumbnail } from './thumbnail.ts';
import { GoogleToken } from './token.ts';
import { uploadVideo } from './upload.ts';

/** Ayrshare's defaults: private, category 24 (Entertainment). */
const DEFAULT_PRIVACY = 'private';
const DEFAULT_CATEGORY = '24';

export function videoUrl(id: string): string {
  return `https://www.youtube.com/watch?v=${id}`;
}

export function clientFor(
  credentials: Readonly<Record<string, unknown>>,
  ctx: ConnectorContext,
): YouTubeClient | undefined {
  const token = credentials.accessToken;
  if (typeof token !== 'string' || token === '') return undefined;
  const auth = new GoogleToken(credentials, ctx, token);
  return new YouTubeClient(ctx.baseUrl, ctx.apiVersion ?? 'v3', auth, ctx.fetch, ctx.signal);
}

function resourceOf(input: PublishInput): VideoResource {
  const { options } = input;
  const tags = Array.isArray(options.tags) ? options.tags.map(String) : [];
  return {
    snippet: {
      title: titleOf(options),
      description: input.text,
      ...(tags.length > 0 ? { tags } : {}),
      categoryId: typeof options.categoryId === 'number' ? String(options.categoryId) : DEFAULT_CATEGORY,
    },
    status: {
      privacyStatus: typeof options.visibility === 'string' ? options.visibility : DEFAULT_PRIVACY,
      selfDeclaredMadeForKids: options.madeForKids === true,
    },
  };
}

function published(videoId: string, warning: ErrorSpec | null): PublishOutcome {
  if (!warning) return { kind: 'published', id: videoId, postUrl: videoUrl(videoId) };
  return {
    kind: 'published',
    id: videoId,
    postUrl: videoUrl(videoId),
    extra: { thumbnail: legacyThumbnail(warning) },
    warnings: [warning],
  };
}

/**
 * Upload (resumable, resumed from progress), then the thumbnail, then the playlist.
 * Each step is recorded once done, so a retry after any failure goes on from there.
 */
export function publishWith(chunkBytes: number) {
  return async (input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> => {
    const [problem] = youtubeDeclaration.validate?.(input) ?? [];
    if (problem) return { kind: 'failed', error: problem };
    const video = input.media.find((item) => item.kind === 'video');
    if (!video) {
      const reason = 'a YouTube post needs one video';
      return {
        kind: 'failed',
        error: { code: 136, platform: 'youtube', params: { platformName: PLATFORM_NAME, reason } },
      };
    }
    const client = clientFor(input.account.credentials, ctx);
    if (!client) {
      const details = 'the stored credentials have no accessToken';
      return {
        kind: 'failed',
        error: { code: 623, platform: 'youtube', params: { platformName: PLATFORM_NAME }, details },
      };
    }
    const progress = loadProgress(ctx, input.targetId);
    const thumbnailUrl = typeof input.options.thumbNail === 'string' ? input.options.thumbNail : undefined;
    // Checked before the upload: a bad thumbnail is reported, never sent.
    let thumbnail: Thumbnail | undefined;
    if (thumbnailUrl && !progress.thumbnail)
      thumbnail = await fetchThumbnail(ctx.fetchMedia, thumbnailUrl, ctx.signal);
    if (!progress.videoId) {
      const notifySubscribers =
        typeof input.options.notifySubscribers === 'boolean' ? input.options.notifySubscribers : undefined;
      const uploaded = await uploadVideo({
        client,
        ctx,
        progress,
        videoUrl: video.url,
        resource: resourceOf(input),
        notifySubscribers,
        chunkBytes,
      });
      if (!uploaded.ok) return uploaded.outcome;
      progress.videoId = uploaded.video.id;
      delete progress.session;
      await saveProgress(ctx, progress);
    }
    const { videoId } = progress;
    if (thumbnail) {
      progress.thumbnail = { warning: await applyThumbnail(client, videoId, thumbnail) };
      await saveProgress(ctx, progress);
    }
    const playlist = typeof input.options.playListId === 'string' ? input.options.playListId : undefined;
    if (playlist && !progress.playlisted) {
      // The video is live; a retry of this failure goes straight to the playlist step.
      const added = await client.addToPlaylist(playlist, videoId);
      if (!added.ok) {
        const failed = failedOutcome(added.failure);
        const cause = failed.error.details ? `: ${failed.error.details}` : '';
        // Say that the video is up: the post failed only its playlist step.
        failed.error.details = `video ${videoId} is uploaded; adding it to playlist ${playlist} failed${cause}`;
        return failed;
      }
      progress.playlisted = true;
      await saveProgress(ctx, progress);
    }
    return published(videoId, progress.thumbnail?.warning ?? null);
  };
}

/**
 * After a crash or a lost answer: the progress says whether the video exists. An
 * upload session that is not finished holds no video (not-found: the retry resumes it).
 */
export function reconcileWith(
  publish: (input: PublishInput, ctx: ConnectorContext) => Promise<PublishOutcome>,
) {
  return async (
    input: PublishInput,
    ctx: ConnectorContext,
  ): Promise<PublishOutcome | { kind: 'not-found' }> => {
    const progress = loadProgress(ctx, input.targetId);
    if (!progress.videoId) {
      const client = clientFor(input.account.credentials, ctx);
      if (!progress.session || !client) return { kind: 'not-found' };
      const state = await querySession(client, progress.session.uri, progress.session.size ?? undefined);
      if (!state.ok) return { kind: 'unknown', reason: describeFailure(state.failure) };
      if (state.value.kind !== 'done') return { kind: 'not-found' };
    }
    // The video exists: finish the remaining steps exactly as a retry would.
    return publish(input, ctx);
  };
}
