import { updateNotes } from '../db/post-edits.ts';
import { findPost, listTargets } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { asksForSomething } from '../posts/not-offered.ts';
import type { AppContext } from './context.ts';
import { changed, needsNewPost, type PostEditRequest, UNSENT_FIELDS } from './edit-common.ts';
import { editPublishedVideo } from './edit-published-video.ts';
import { editUnsentPost } from './edit-unsent-post.ts';
import type { Reply } from './post-responses.ts';
import type { RequestSecrets } from './request-secrets.ts';
import { videoChangesOf } from './video-changes.ts';

/**
 * PATCH (and PUT, Ayrshare's SDK) /api/post: Ayrshare's changes of a post after it
 * was accepted, and Herald's (text and media of a post not sent yet). Three paths:
 * notes alone (any time); a published YouTube video's metadata (videos.update); and
 * changes of a post none of whose networks was sent yet, made under the post's lock so
 * they never race its publish job (edit-unsent-post.ts). Anything else is 675.
 */
export async function editPost(
  app: AppContext,
  profile: Profile,
  body: PostEditRequest,
  lang: string | undefined,
  requestSecrets: RequestSecrets,
  /** Fields of POST /api/post that PATCH cannot change (the route's schema knows them). */
  needNewPost: readonly string[],
): Promise<Reply> {
  const post = await findPost(app.pool, profile.id, body.id);
  if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${body.id.slice(0, 64)}` } });
  const other = needNewPost.find((field) => asksForSomething(body[field]));
  if (other !== undefined) {
    throw needsNewPost(
      other,
      post.id,
      'PATCH changes scheduleDate, scheduledPause, approved, notes, post, mediaUrls and youTubeOptions only',
    );
  }
  const videoField = body.youTubeOptions !== undefined ? 'youTubeOptions' : 'youtubeOptions';
  const video =
    body[videoField] === undefined ? undefined : videoChangesOf(body[videoField], videoField, post.id);
  const unsent = UNSENT_FIELDS.filter((field) => body[field] !== undefined);

  if (video) {
    const youtube = (await listTargets(app.pool, [post.id])).find((t) => t.platform === 'youtube');
    if (!youtube) throw needsNewPost(videoField, post.id, 'the post has no YouTube video');
    if (youtube.state === 'published') {
      if (unsent[0] !== undefined) throw needsNewPost(unsent[0], post.id, 'it was already sent');
      return editPublishedVideo(app, post, youtube, video, body.notes, lang);
    }
  }
  if (unsent.length === 0 && !video) {
    if (body.notes === undefined) {
      throw new HeraldError({
        code: 604,
        params: {
          problem: `nothing to change: send one of ${[...UNSENT_FIELDS, 'notes', 'youTubeOptions'].join(', ')}`,
        },
      });
    }
    await updateNotes(app.pool, profile.id, post.id, body.notes);
    return changed(app, post, ['notes']);
  }
  return editUnsentPost(app, profile, post, body, video, lang, requestSecrets);
}
