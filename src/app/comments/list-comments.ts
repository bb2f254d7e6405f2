import { DECLARATIONS } from '../../connectors/declarations.ts';
import type { CommentView } from '../../connectors/types.ts';
import { type CommentFact, recordCommentFacts } from '../../db/comment-events.ts';
import { commentByNetworkId } from '../../db/comments.ts';
import type { Profile } from '../../db/profiles.ts';
import type { ErrorSpec } from '../../errors/build.ts';
import type { Platform } from '../../platforms.ts';
import { connectorContext, linkedAccount } from '../connectors.ts';
import type { AppContext } from '../context.ts';
import type { Reply } from '../post-responses.ts';
import { type RequestSecrets, secretsFor } from '../request-secrets.ts';
import { commentAnswer } from './comment-answer.ts';
import { type CommentPlace, commentPlaces, namedPlatforms } from './comment-places.ts';
import { commentsOf } from './send-comment.ts';

export interface ListQuery {
  platform?: string;
  platforms?: string[];
  searchPlatformId?: boolean;
  /** `id` is a network's comment id: its replies are read. */
  commentIsId?: boolean;
  /** TikTok: the video of that comment (its API lists replies with both ids). */
  videoId?: string;
}

/** A comment as Ayrshare prints it (its own fields first, the network's extras after). */
export function commentJson(view: CommentView, platform: Platform): Record<string, unknown> {
  return {
    comment: view.comment,
    commentId: view.commentId,
    created: view.created,
    from: view.from,
    hidden: view.hidden,
    likeCount: view.likeCount,
    platform,
    postId: view.postId,
    username: view.username,
    ...(view.replies ? { replies: view.replies.map((r) => commentJson(r, platform)) } : {}),
    ...(view.extra ?? {}),
  };
}

function flatten(views: readonly CommentView[]): CommentView[] {
  return views.flatMap((v) => [v, ...flatten(v.replies ?? [])]);
}

/** Comments others wrote, each recorded once as received (the `comments` webhook's facts). */
function receivedFacts(profile: Profile, place: CommentPlace, views: readonly CommentView[]): CommentFact[] {
  return flatten(views)
    .filter((v) => v.from.id !== place.account.externalId && v.from.username !== place.account.username)
    .map((v) => ({
      profileId: profile.id,
      platform: place.platform,
      direction: 'received',
      postId: place.post?.id ?? null,
      networkPostId: place.networkPostId,
      networkCommentId: v.commentId,
      payload: {
        action: 'comment',
        ...(place.post ? { id: place.post.id } : {}),
        ...commentJson({ ...v, replies: [] }, place.platform),
      },
    }));
}

/**
 * The post a comment named by its network id is on: as the caller names it (TikTok's
 * `videoId`), else as Herald recorded it when it sent that comment. Networks that read a
 * comment's replies on its post (TikTok's `video_id` with `comment_id`) need it.
 */
async function postOfComment(
  app: AppContext,
  profile: Profile,
  place: CommentPlace,
  videoId: string | undefined,
): Promise<string | undefined> {
  if (videoId) return videoId;
  const known = await commentByNetworkId(app.pool, profile.id, place.platform, place.networkPostId);
  return known?.networkPostId;
}

/** GET /api/comments/:id: the comments of a Herald post on each of its networks, or of a network's own post or comment. */
export async function listComments(
  app: AppContext,
  profile: Profile,
  id: string,
  query: ListQuery,
  lang: string | undefined,
  secrets: RequestSecrets,
): Promise<Reply> {
  const places = await commentPlaces(app, profile, {
    id,
    platforms: namedPlatforms(query.platforms, query.platform),
    searchPlatformId: query.searchPlatformId === true,
    action: 'get',
  });
  const errors: ErrorSpec[] = [];
  const done: Record<string, unknown> = {};
  const ready = places.flatMap((p) => {
    if (!p.ok) errors.push(p.error);
    return p.ok ? [p.place] : [];
  });
  const ofComment = query.commentIsId === true && query.searchPlatformId === true;
  const listed = await Promise.all(
    ready.map(async (place) => {
      const comments = commentsOf(place.platform, place.account.sandbox);
      if (!comments)
        return {
          kind: 'failed' as const,
          error: {
            code: 685,
            variant: 'notYet',
            platform: place.platform,
            params: { platformName: DECLARATIONS[place.platform].name },
          },
        };
      const postId = ofComment ? await postOfComment(app, profile, place, query.videoId) : undefined;
      return comments.list(
        {
          id: place.networkPostId,
          of: ofComment ? 'comment' : 'post',
          ...(postId ? { postId } : {}),
          account: linkedAccount(app, place.account),
          ...(place.post ? { postText: place.post.text } : {}),
          requestSecrets: secretsFor(DECLARATIONS[place.platform], secrets),
        },
        connectorContext(app, place.platform, place.account.id),
      );
    }),
  );
  const facts: CommentFact[] = [];
  listed.forEach((result, i) => {
    const place = ready[i] as CommentPlace;
    if (result.kind === 'listed') {
      done[place.platform] = result.comments.map((view) => commentJson(view, place.platform));
      facts.push(...receivedFacts(profile, place, result.comments));
    } else errors.push({ ...result.error, platform: place.platform, action: 'get' });
  });
  await recordCommentFacts(app.pool, facts);
  return commentAnswer(Object.keys(done).length > 0 ? { id } : {}, done, errors, lang);
}
