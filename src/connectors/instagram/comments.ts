import { graphComments, metaDate } from '../shared/graph-comments.ts';
import { isObject } from '../shared/wire.ts';
import type { CommentView } from '../types.ts';
import { classifyAnswer, PLATFORM_NAME } from './errors.ts';
import { CREDENTIALS } from './network.ts';

/**
 * Instagram comments: `POST /{ig-media-id}/comments` and replies `POST /{ig-comment-id}/replies`
 * (text only: `message`), read with `replies{...}` nested, deleted with `DELETE /{ig-comment-id}`.
 */
function view(raw: Record<string, unknown>, postId: string): CommentView {
  const from = isObject(raw.from) ? raw.from : {};
  const username =
    typeof raw.username === 'string' ? raw.username : typeof from.username === 'string' ? from.username : '';
  const replies =
    isObject(raw.replies) && Array.isArray(raw.replies.data) ? raw.replies.data.filter(isObject) : [];
  const id = String(raw.id);
  return {
    commentId: id,
    comment: typeof raw.text === 'string' ? raw.text : '',
    created: metaDate(raw.timestamp),
    from: { id: typeof from.id === 'string' ? from.id : '', username },
    hidden: raw.hidden === true,
    likeCount: typeof raw.like_count === 'number' ? raw.like_count : 0,
    postId,
    username,
    ...(replies.length > 0 ? { replies: replies.map((r) => view(r, id)) } : {}),
  };
}

export const instagramComments = graphComments({
  platform: 'instagram',
  name: PLATFORM_NAME,
  credentials: CREDENTIALS,
  edges: { comment: 'comments', reply: 'replies' },
  fields:
    'id,text,timestamp,username,from,like_count,hidden,replies{id,text,timestamp,username,from,like_count,hidden}',
  writeParams: () => ({}),
  view,
  classify: classifyAnswer,
});
