import { graphComments, metaDate } from '../shared/graph-comments.ts';
import { isObject } from '../shared/wire.ts';
import type { CommentView } from '../types.ts';
import { classifyAnswer, PLATFORM_NAME } from './errors.ts';
import { CREDENTIALS } from './page.ts';

/**
 * Page comments: `POST /{object-id}/comments` with `message` and one image as
 * `attachment_url` (the object a Page post or a comment: a reply is a comment on a
 * comment), read with `filter=toplevel` semantics per object, as the Page token sees them.
 */
function view(raw: Record<string, unknown>, postId: string): CommentView {
  const from = isObject(raw.from) ? raw.from : {};
  const name = typeof from.name === 'string' ? from.name : '';
  return {
    commentId: String(raw.id),
    comment: typeof raw.message === 'string' ? raw.message : '',
    created: metaDate(raw.created_time),
    from: { id: typeof from.id === 'string' ? from.id : '', username: name },
    hidden: raw.is_hidden === true,
    likeCount: typeof raw.like_count === 'number' ? raw.like_count : 0,
    postId,
    username: name,
    extra: { commentCount: typeof raw.comment_count === 'number' ? raw.comment_count : 0 },
  };
}

export const facebookComments = graphComments({
  platform: 'facebook',
  name: PLATFORM_NAME,
  credentials: CREDENTIALS,
  edges: { comment: 'comments', reply: 'comments' },
  fields: 'id,message,created_time,from,like_count,is_hidden,comment_count',
  writeParams: (input) => (input.media[0] ? { attachment_url: input.media[0].url } : {}),
  view,
  classify: classifyAnswer,
});
