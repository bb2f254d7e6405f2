import type { Reply } from '../http.ts';
import type { FakeRedditor, FakeSubmission, RedditState } from './fake-reddit.ts';
import { brokenRequirements } from './requirements.ts';

/**
 * POST /api/submit: refusals are `json.errors` triples, in an HTTP 200 for Reddit's own
 * checks and in an HTTP 400 for the subreddit's post requirements.
 */

function refused(code: string, message: string, field: string, extra: Record<string, unknown> = {}): Reply {
  return { status: 200, body: { json: { ...extra, errors: [[code, message, field]] } } };
}

export function handleSubmit(state: RedditState, form: URLSearchParams, user: FakeRedditor): Reply {
  if (form.get('api_type') !== 'json') return { status: 400, body: { message: 'Bad Request', error: 400 } };
  const wait = state.rateLimited.shift();
  if (wait !== undefined) {
    const minutes = Math.max(1, Math.ceil(wait / 60));
    return refused(
      'RATELIMIT',
      `Looks like you've been doing that a lot. Take a break for ${minutes} minute${minutes > 1 ? 's' : ''} before trying again.`,
      'ratelimit',
      { ratelimit: wait },
    );
  }
  const sr = form.get('sr') ?? '';
  const sub = state.subreddits.get(sr.toLowerCase());
  if (!sub) return refused('SUBREDDIT_NOEXIST', "that subreddit doesn't exist", 'sr');
  if (sub.banned.has(user.name))
    return refused('SUBREDDIT_NOTALLOWED', "you aren't allowed to post there.", 'sr');
  const title = form.get('title') ?? '';
  if (!title) return refused('NO_TEXT', 'we need something here', 'title');
  if (title.length > 300) return refused('TOO_LONG', 'this is too long (max: 300)', 'title');
  // The subreddit's post requirements: every broken one listed, in an HTTP 400.
  const broken = brokenRequirements(sub.requirements, form);
  if (broken.length > 0) return { status: 400, body: { json: { errors: broken } } };
  const kind = form.get('kind') ?? '';
  if (kind === 'self' && sub.noSelfs)
    return refused('NO_SELFS', "This community doesn't allow text posts.", 'sr');
  const url = form.get('url') ?? undefined;
  if (kind === 'link') {
    if (!url || !/^https?:\/\//.test(url)) return refused('BAD_URL', 'you should check that url', 'url');
    if (
      form.get('resubmit') !== 'true' &&
      state.posts.some((p) => !p.deleted && p.sr === sub.name && p.url === url)
    ) {
      return refused('ALREADY_SUB', 'that link has already been submitted', 'url');
    }
  } else if (kind === 'image') {
    if (!url || !state.media.isUploaded(url)) return refused('BAD_URL', 'you should check that url', 'url');
  } else if (kind !== 'self') {
    return refused('INVALID_OPTION', 'that option is not valid', 'kind');
  }
  const post: FakeSubmission = {
    id: state.nextId(),
    sr: sub.name,
    author: user.name,
    kind,
    title,
    deleted: false,
    createdUtc: Math.floor(Date.now() / 1000),
  };
  if (kind === 'self') post.text = form.get('text') ?? '';
  if (url) post.url = url;
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 50);
  const page = `https://www.reddit.com/r/${sub.name}/comments/${post.id}/${slug}/`;
  if (kind === 'image') {
    // No id in the answer: the post (unless processing fails) is announced on the websocket.
    const verdict = state.media.verdicts.shift() ?? 'success';
    if (verdict !== 'failed') state.posts.push(post);
    const websocket_url = state.media.announce(verdict, page);
    const user_submitted_page = `https://www.reddit.com/user/${user.name}/submitted/`;
    return { status: 200, body: { json: { errors: [], data: { user_submitted_page, websocket_url } } } };
  }
  state.posts.push(post);
  return {
    status: 200,
    body: {
      json: {
        errors: [],
        data: {
          url: page,
          drafts_count: 0,
          id: post.id,
          name: `t3_${post.id}`,
        },
      },
    },
  };
}
