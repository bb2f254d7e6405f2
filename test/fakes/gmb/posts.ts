import { type FakeRequest, jsonOf, type Reply } from '../http.ts';
import { invalidArgument } from './errors.ts';

/**
 * `POST …/localPosts` as platform-apis.md §14 documents it: languageCode, summary of at
 * most 1,500 characters, topicType, callToAction {actionType, url}, media [{mediaFormat:
 * PHOTO, sourceUrl}] (Google fetches the URL; the fake only checks it is one). The answer
 * is the LocalPost with its name, state and searchUrl.
 */

const TOPICS = ['STANDARD', 'EVENT', 'OFFER', 'ALERT'];
const ACTIONS = ['LEARN_MORE', 'BOOK', 'ORDER', 'SHOP', 'SIGN_UP', 'CALL'];

export interface FakeLocalPost {
  name: string;
  location: string;
  body: Record<string, unknown>;
  state: 'LIVE' | 'PROCESSING' | 'REJECTED';
  searchUrl: string;
  createTime: string;
  deleted: boolean;
}

function isUrl(value: unknown): boolean {
  return typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value);
}

/**
 * The refused field and why, or undefined when Google would take the post. Only the
 * documented fields and values are checked; §14 gives one field name (`summary`), the
 * others are stand-ins in the same shape.
 */
export function problemOf(body: Record<string, unknown>): { field: string; message: string } | undefined {
  if (typeof body.languageCode !== 'string' || body.languageCode === '')
    return { field: 'language_code', message: 'Language code is required.' };
  if (body.summary !== undefined && (typeof body.summary !== 'string' || body.summary.length > 1500))
    return { field: 'summary', message: 'Summary must be at most 1500 characters.' };
  if (!TOPICS.includes(String(body.topicType)))
    return { field: 'topic_type', message: 'Invalid topic type.' };
  if (body.callToAction !== undefined) {
    const cta = body.callToAction as Record<string, unknown>;
    if (!ACTIONS.includes(String(cta.actionType)))
      return { field: 'call_to_action.action_type', message: 'Invalid action type.' };
    if (cta.actionType !== 'CALL' && !isUrl(cta.url))
      return { field: 'call_to_action.url', message: 'Invalid URL.' };
  }
  if (body.media !== undefined) {
    const media = Array.isArray(body.media) ? body.media : [];
    for (const item of media as Record<string, unknown>[]) {
      if (item?.mediaFormat !== 'PHOTO' && item?.mediaFormat !== 'VIDEO')
        return { field: 'media.media_format', message: 'Invalid media format.' };
      if (!isUrl(item.sourceUrl)) return { field: 'media.source_url', message: 'Invalid source URL.' };
    }
  }
  return undefined;
}

export function createPost(
  request: FakeRequest,
  location: string,
  id: string,
  state: FakeLocalPost['state'],
): { reply: Reply; post?: FakeLocalPost } {
  const body = jsonOf(request);
  const problem = problemOf(body);
  if (problem) return { reply: invalidArgument(problem.field, problem.message) };
  const post: FakeLocalPost = {
    name: `${location}/localPosts/${id}`,
    location,
    body,
    state,
    searchUrl: `https://local.google.com/place?id=8130000000000000001&use=posts&lpsid=${id}`,
    createTime: new Date().toISOString(),
    deleted: false,
  };
  return { reply: { status: 200, body: resourceOf(post) }, post };
}

export function resourceOf(post: FakeLocalPost): Record<string, unknown> {
  return {
    ...post.body,
    name: post.name,
    createTime: post.createTime,
    updateTime: post.createTime,
    state: post.state,
    searchUrl: post.searchUrl,
  };
}
