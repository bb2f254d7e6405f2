import { DECLARATIONS } from '../../connectors/declarations.ts';
import type { Profile } from '../../db/profiles.ts';
import type { ErrorSpec } from '../../errors/build.ts';
import type { Platform } from '../../platforms.ts';
import { validateComment } from '../../posts/validate-comment.ts';
import type { AppContext } from '../context.ts';
import { newPostId } from '../post-ids.ts';
import type { Reply } from '../post-responses.ts';
import { type RequestSecrets, secretsFor } from '../request-secrets.ts';
import { commentAnswer } from './comment-answer.ts';
import { commentPlaces, namedPlatforms } from './comment-places.ts';
import { sendComment } from './send-comment.ts';

export interface CreateCommentsBody {
  id: string;
  comment: string;
  platforms?: string[];
  mediaUrls?: string[];
  searchPlatformId?: boolean;
}

/** What a network did with a comment, as Ayrshare prints it under the platform's name. */
export function commentResult(
  platform: Platform,
  commentId: string,
  text: string,
  extra: Record<string, unknown> | null,
) {
  return {
    status: 'success',
    commentId,
    comment: text,
    ...(typeof extra?.commentUrn === 'string' ? { commentUrn: extra.commentUrn } : {}),
    platform,
  };
}

/**
 * POST /api/comments: one comment on a Herald post (on each of its networks, or those
 * named) or on a network's own post (`searchPlatformId`). Every network is checked
 * (its comment rules, a live post) before any is called; one Herald commentId names them all.
 */
export async function createComments(
  app: AppContext,
  profile: Profile,
  body: CreateCommentsBody,
  lang: string | undefined,
  secrets: RequestSecrets,
): Promise<Reply> {
  const places = await commentPlaces(app, profile, {
    id: body.id,
    platforms: namedPlatforms(body.platforms, undefined),
    searchPlatformId: body.searchPlatformId === true,
    action: 'comment',
  });
  const mediaUrls = body.mediaUrls ?? [];
  const errors: ErrorSpec[] = [];
  const ready = places.flatMap((p) => {
    if (!p.ok) {
      errors.push(p.error);
      return [];
    }
    const invalid = validateComment(DECLARATIONS[p.place.platform], body.comment, mediaUrls);
    if (invalid) {
      errors.push({ ...invalid, action: 'comment' });
      return [];
    }
    return [p.place];
  });
  const commentId = newPostId();
  const done: Record<string, unknown> = {};
  const sent = await Promise.all(
    ready.map((place) =>
      sendComment(app, {
        commentId,
        profileId: profile.id,
        account: place.account,
        kind: 'comment',
        text: body.comment,
        mediaUrls,
        networkPostId: place.networkPostId,
        ...(place.post ? { postId: place.post.id, postText: place.post.text } : {}),
        ...(place.target ? { targetId: place.target.id } : {}),
        requestSecrets: secretsFor(DECLARATIONS[place.platform], secrets),
      }),
    ),
  );
  sent.forEach((result, i) => {
    const platform = ready[i]?.platform as Platform;
    if (result.kind === 'posted')
      done[platform] = commentResult(platform, result.networkCommentId, body.comment, result.extra);
    else errors.push({ ...result.error, platform, action: 'comment' });
  });
  const head = Object.keys(done).length > 0 ? { id: body.id, commentId } : {};
  return commentAnswer(head, done, errors, lang);
}
