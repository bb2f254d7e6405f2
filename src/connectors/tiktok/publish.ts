import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { tiktokDeclaration } from './declaration.ts';
import { describeFailure, failedOutcome } from './errors.ts';
import { caption, type Failed, failure, flag, pending, type Session, sessionFor } from './outcomes.ts';
import { loadProgress, saveProgress, type TikTokProgress } from './progress.ts';
import { postVideo } from './video.ts';

const PRIVACY: Readonly<Record<string, string>> = {
  public: 'PUBLIC_TO_EVERYONE',
  friends: 'MUTUAL_FOLLOW_FRIENDS',
  followers: 'FOLLOWER_OF_CREATOR',
  private: 'SELF_ONLY',
};

/** Creator info first (the guidelines ask for it): the visibility must be one of the creator's options. */
async function privacyLevel(session: Session, input: PublishInput): Promise<string | Failed> {
  const info = await session.keeper.run((token) =>
    session.client.call(token, 'POST', '/post/publish/creator_info/query/'),
  );
  if (!info.ok) return failedOutcome(info.failure);
  const visibility = typeof input.options.visibility === 'string' ? input.options.visibility : 'public';
  const level = PRIVACY[visibility] ?? 'PUBLIC_TO_EVERYONE';
  const allowed = Array.isArray(info.value.privacy_level_options)
    ? info.value.privacy_level_options.map(String)
    : [];
  if (!allowed.includes(level)) {
    return failure(
      622,
      `visibility "${visibility}" (${level}) is not among this creator's options: ${allowed.join(', ')}`,
    );
  }
  return level;
}

async function postPhotos(
  session: Session,
  input: PublishInput,
  level: string,
  progress: TikTokProgress,
  ctx: ConnectorContext,
) {
  const { options } = input;
  const body = {
    media_type: 'PHOTO',
    post_mode: 'DIRECT_POST',
    post_info: {
      title: typeof options.title === 'string' ? options.title : '',
      description: caption(input.text),
      privacy_level: level,
      disable_comment: flag(options.disableComments),
      auto_add_music: options.autoAddMusic !== false,
    },
    source_info: {
      source: 'PULL_FROM_URL',
      photo_cover_index: typeof options.imageCoverIndex === 'number' ? options.imageCoverIndex : 0,
      photo_images: input.media.map((item) => item.url),
    },
  };
  const init = await session.keeper.run((token) =>
    session.client.call(token, 'POST', '/post/publish/content/init/', body),
  );
  if (!init.ok) {
    // The photos may have been accepted with the answer lost: Herald cannot tell, and must not post again.
    if (init.failure.kind === 'network')
      return { kind: 'unknown' as const, reason: describeFailure(init.failure) };
    return failedOutcome(init.failure);
  }
  progress.publishId = String(init.value.publish_id ?? '');
  progress.complete = true;
  await saveProgress(ctx, progress);
  return pending(progress);
}

/** Only a definite FAILED frees a retry to post again; no answer keeps the old post. */
async function failedAtTikTok(session: Session, publishId: string): Promise<boolean> {
  const status = await session.keeper.run((token) =>
    session.client.call(token, 'POST', '/post/publish/status/fetch/', { publish_id: publishId }),
  );
  return status.ok && status.value.status === 'FAILED';
}

/**
 * Creator info → init → upload (video) or hand-over (photos) → `pending` with the
 * publish id: TikTok publishes after moderation, and poll or its webhook says when.
 */
export function publishWith(chunkBytes: number) {
  return async (input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> => {
    const [problem] = tiktokDeclaration.validate?.(input) ?? [];
    if (problem) return { kind: 'failed', error: problem };
    const session = sessionFor(input, ctx);
    if (typeof session === 'string') return failure(623, session);
    const progress = loadProgress(ctx, input.targetId);
    if (progress.publishId && progress.complete) {
      // TikTok already holds this post: publishing again would post it twice, unless TikTok failed it.
      if (!(await failedAtTikTok(session, progress.publishId))) return pending(progress);
      delete progress.publishId;
      delete progress.complete;
    }
    const level = await privacyLevel(session, input);
    if (typeof level !== 'string') return level;
    if (input.media.length === 0)
      return failure(136, 'no media', { reason: 'a TikTok post needs a video or photos' });
    const photos = input.media.every((item) => item.kind === 'image');
    return photos
      ? postPhotos(session, input, level, progress, ctx)
      : postVideo(session, input, level, progress, ctx, chunkBytes);
  };
}
