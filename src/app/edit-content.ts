import { DECLARATIONS } from '../connectors/declarations.ts';
import { listAccounts } from '../db/accounts.ts';
import type { NewLink } from '../db/links.ts';
import type { PostRecord, TargetRecord } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { HeraldError } from '../errors/herald-error.ts';
import type { Platform } from '../platforms.ts';
import { mediaItems } from '../posts/media-kind.ts';
import { checkPost, type PostRequest } from './check-post.ts';
import type { AppContext } from './context.ts';
import type { PostEditRequest } from './edit-common.ts';
import { checkPlannedMedia, planTargets } from './plan-targets.ts';
import type { RequestSecrets } from './request-secrets.ts';

/** What a post sends: its text, media and option objects. */
export type Content = Pick<PostRecord, 'text' | 'mediaUrls' | 'isVideo' | 'options'>;

/** The post's content with the edit applied; `undefined` when the edit leaves it alone. */
export function editedContent(
  post: PostRecord,
  body: PostEditRequest,
  video: Record<string, unknown> | undefined,
): Content | undefined {
  if (body.post === undefined && body.mediaUrls === undefined && body.isVideo === undefined && !video) {
    return undefined;
  }
  const options = { ...post.options };
  if (video) {
    if (video.description !== undefined) {
      throw new HeraldError({
        code: 604,
        params: {
          problem: 'a video not sent yet takes the post text as its description: change post instead',
        },
      });
    }
    options.youtube = { ...((options.youtube as Record<string, unknown> | undefined) ?? {}), ...video };
  }
  return {
    text: body.post ?? post.text,
    mediaUrls: body.mediaUrls ?? post.mediaUrls,
    isVideo: body.isVideo ?? post.isVideo,
    options,
  };
}

/** Whether two readings of a post hold the same content (an edit checked one and locked the other). */
export function sameContent(a: PostRecord, b: PostRecord): boolean {
  return (
    JSON.stringify([a.text, a.mediaUrls, a.isVideo, a.options]) ===
    JSON.stringify([b.text, b.mediaUrls, b.isVideo, b.options])
  );
}

/** The option object each network was checked with on POST (the first comment rides apart). */
function sentOptions(options: Record<string, unknown>, platform: Platform): unknown {
  const stored = options[platform] as Record<string, unknown> | undefined;
  if (stored === undefined) return undefined;
  const { firstComment: _firstComment, ...rest } = stored;
  return rest;
}

export interface CheckedContent {
  problems: ErrorSpec[];
  /** The text each network is sent, where caption enhancement (shortenLinks) rewrote it. */
  texts: { platform: Platform; text: string | null }[];
  newLinks: NewLink[];
}

/**
 * An edited content checked by checkPost, the very check of POST /api/post: each network's
 * rules, the caption enhancement of a post made with shortenLinks, and the media against
 * the post's time when that is ahead.
 */
export async function checkEditedContent(
  app: AppContext,
  profile: Profile,
  post: PostRecord,
  targets: readonly TargetRecord[],
  content: Content,
  postTime: Date | null,
  requestSecrets: RequestSecrets,
): Promise<CheckedContent> {
  const request: PostRequest = {
    post: content.text,
    platforms: targets.map((t) => t.platform),
    mediaUrls: content.mediaUrls,
    isVideo: content.isVideo,
    shortenLinks: post.shortenLinks,
    ...(postTime && postTime.getTime() > Date.now() ? { scheduleDate: postTime.toISOString() } : {}),
  };
  for (const target of targets) {
    const options = sentOptions(content.options, target.platform);
    if (options !== undefined) request[DECLARATIONS[target.platform].optionsField] = options;
  }
  const checked = await checkPost(app, profile, request, requestSecrets, { mediaAlways: false });
  return {
    problems: [...checked.problems, ...checked.captionFailures.map((f) => f.error)],
    texts: checked.planned.map((p) => ({
      platform: p.platform,
      text: p.input.text === content.text ? null : p.input.text,
    })),
    newLinks: checked.newLinks,
  };
}

/**
 * A post only moved keeps the content its rules passed on POST: only the media checks,
 * which depend on the post's time (a signed URL's expiry), run again. The rules are not
 * re-run, so moving a post to X needs no BYO headers.
 */
export async function checkMovedMedia(
  app: AppContext,
  profile: Profile,
  post: PostRecord,
  targets: readonly TargetRecord[],
  postTime: Date,
): Promise<ErrorSpec[]> {
  const media = mediaItems(post.mediaUrls, post.isVideo);
  if (media.length === 0 || postTime.getTime() <= Date.now()) return [];
  const { planned } = planTargets(
    targets.map((t) => t.platform),
    await listAccounts(app.pool, profile.id),
    post.text,
    media,
    (platform) => sentOptions(post.options, platform),
    {},
  );
  return checkPlannedMedia(app, planned, postTime);
}
