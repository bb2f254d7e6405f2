import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FakeAnswer } from './wire.ts';

/**
 * TikTok API for Business comments (`/open_api/v1.3/business/comment/...`): its own
 * `Access-Token` header and `business_id`; every answer is HTTP 200 with
 * `{code, message, request_id, data}` (`code: 0` is success; 40105 a bad token,
 * 40002 a bad parameter), as the API for Business documents its return codes.
 */

export interface FakeBusinessComment {
  id: string;
  videoId: string;
  text: string;
  parentId?: string;
  userId: string;
  username: string;
  createTime: number;
  likes: number;
  /** Written by the business account itself (what `owner` says). */
  owner: boolean;
}

export type BusinessRoute = 'comment' | 'commentReply' | 'commentList' | 'commentReplyList' | 'commentDelete';

export const BUSINESS_ROUTES: Record<string, BusinessRoute> = {
  'POST /open_api/v1.3/business/comment/create/': 'comment',
  'POST /open_api/v1.3/business/comment/reply/create/': 'commentReply',
  'GET /open_api/v1.3/business/comment/list/': 'commentList',
  'GET /open_api/v1.3/business/comment/reply/list/': 'commentReplyList',
  'POST /open_api/v1.3/business/comment/delete/': 'commentDelete',
};

export interface BusinessState {
  business: { id: string; token: string; username: string };
  comments: FakeBusinessComment[];
  /** Video ids TikTok has made public (comments are taken on those only). */
  videos(): string[];
}

function answer(code: number, message: string, data: Record<string, unknown> = {}): FakeAnswer {
  return {
    status: 200,
    text: JSON.stringify({ code, message, request_id: randomBytes(8).toString('hex'), data }),
  };
}

function view(c: FakeBusinessComment, all: readonly FakeBusinessComment[]) {
  return {
    comment_id: c.id,
    video_id: c.videoId,
    user_id: c.userId,
    create_time: String(c.createTime),
    text: c.text,
    likes: c.likes,
    replies: all.filter((r) => r.parentId === c.id).length,
    owner: c.owner,
    liked: false,
    pinned: false,
    status: 'PUBLIC',
    username: c.username,
    display_name: c.username,
    profile_image: `https://p16-sign.tiktokcdn-us.com/${c.userId}.jpeg`,
    ...(c.parentId ? { parent_comment_id: c.parentId } : {}),
  };
}

export function businessAnswer(
  state: BusinessState,
  route: BusinessRoute,
  req: IncomingMessage,
  url: URL,
  body: Record<string, unknown>,
): FakeAnswer {
  if (req.headers['access-token'] !== state.business.token)
    return answer(40105, 'The access token is invalid or has expired.');
  const params =
    route === 'commentList' || route === 'commentReplyList' ? Object.fromEntries(url.searchParams) : body;
  if (params.business_id !== state.business.id) return answer(40002, 'business_id is invalid.');
  const find = (id: unknown) => state.comments.find((c) => c.id === String(id));
  switch (route) {
    case 'comment':
    case 'commentReply': {
      if (!state.videos().includes(String(params.video_id))) return answer(40002, 'video_id is invalid.');
      const text = String(params.text ?? '');
      if (text.length === 0 || text.length > 150)
        return answer(40002, 'text length must be between 1 and 150.');
      if (route === 'commentReply' && find(params.comment_id)?.videoId !== String(params.video_id))
        return answer(40002, 'comment_id is invalid.');
      const comment: FakeBusinessComment = {
        id: `7${Date.now()}${String(state.comments.length).padStart(5, '0')}`.slice(0, 19),
        videoId: String(params.video_id),
        text,
        ...(route === 'commentReply' ? { parentId: String(params.comment_id) } : {}),
        userId: state.business.id,
        username: state.business.username,
        createTime: Math.floor(Date.now() / 1000),
        likes: 0,
        owner: true,
      };
      state.comments.push(comment);
      return answer(0, 'OK', { comment_id: comment.id });
    }
    case 'commentList':
    case 'commentReplyList': {
      if (!state.videos().includes(String(params.video_id))) return answer(40002, 'video_id is invalid.');
      const list = state.comments.filter(
        (c) =>
          c.videoId === params.video_id &&
          (route === 'commentList' ? c.parentId === undefined : c.parentId === params.comment_id),
      );
      // `max_count` per page (default 20, at most 30), from `cursor` (an index), `has_more` while more remain.
      const max = Math.min(Number(params.max_count ?? 20), 30);
      const start = Number(params.cursor ?? 0);
      const page = list.slice(start, start + max);
      return answer(0, 'OK', {
        comments: page.map((c) => view(c, state.comments)),
        cursor: start + page.length,
        has_more: start + page.length < list.length,
      });
    }
    case 'commentDelete': {
      const comment = find(params.comment_id);
      if (!comment) return answer(40002, 'comment_id is invalid.');
      // Only the business account's own comments can be deleted.
      if (!comment.owner) return answer(40001, 'No permission to operate this comment.');
      state.comments.splice(state.comments.indexOf(comment), 1);
      return answer(0, 'OK');
    }
  }
}
