import type { FakeRequest, Reply } from '../http.ts';
import { formOf, jsonOf } from '../http.ts';
import { statusEntity } from './entities.ts';
import { type FakeAccount, IDEMPOTENCY_TTL_MS, type MastodonState } from './state.ts';

/**
 * POST /api/v1/statuses and DELETE /api/v1/statuses/:id as Mastodon's
 * PostStatusService answers them: the Idempotency-Key is looked up first (per
 * account, one hour) and a repeat answers the original status; validation comes after.
 */

const VISIBILITIES = new Set(['public', 'unlisted', 'private', 'direct']);
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function mastodonError(status: number, error: string): Reply {
  return { status, body: { error } };
}

/**
 * Mastodon's StatusLengthValidator: graphemes of the content warning plus the text, where
 * every URL (protocol required, trailing punctuation not part of it) counts as 23
 * characters (characters_reserved_per_url) and `@user@domain` as `@user`.
 */
export function countableLength(text: string, spoilerText = ''): number {
  const countable = text
    .replace(/https?:\/\/\S+/g, (url) => {
      const ending = /[.,:;!?'")\]]*$/.exec(url)?.[0] ?? '';
      return `${'x'.repeat(23)}${ending}`;
    })
    .replace(/(^|[^\w/=])@(\w+)@[\w.-]*\w/g, (_all, before: string, user: string) => `${before}@${user}`);
  return [...segmenter.segment(spoilerText + countable)].length;
}

/** Form (`media_ids[]=1&media_ids[]=2`), multipart or JSON bodies, as Rails reads them all. */
async function paramsOf(request: FakeRequest): Promise<Record<string, unknown>> {
  const type = String(request.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) return jsonOf(request);
  const form = type.startsWith('multipart/form-data')
    ? await formOf(request)
    : new URLSearchParams(request.body.toString('utf8'));
  const params: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    if (name.endsWith('[]'))
      params[name.slice(0, -2)] = [...((params[name.slice(0, -2)] as string[]) ?? []), value];
    else params[name] = value;
  }
  return params;
}

function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1';
}

export async function createStatus(
  state: MastodonState,
  account: FakeAccount,
  request: FakeRequest,
): Promise<Reply> {
  const key = request.headers['idempotency-key'];
  const cacheKey = typeof key === 'string' && key !== '' ? `${account.id}:${key}` : undefined;
  const cached = cacheKey ? state.idempotency.get(cacheKey) : undefined;
  if (cached && state.now() - cached.at < IDEMPOTENCY_TTL_MS) {
    const original = state.statuses.find((s) => s.id === cached.statusId);
    if (original) return { status: 200, body: statusEntity(state, original) };
  }
  const params = await paramsOf(request);
  const text = typeof params.status === 'string' ? params.status : '';
  const spoilerText = typeof params.spoiler_text === 'string' ? params.spoiler_text : '';
  const mediaIds = Array.isArray(params.media_ids) ? params.media_ids.map(String) : [];
  if (mediaIds.length > 4) return mastodonError(422, 'Cannot attach more than 4 files');
  const media = mediaIds.map((id) => state.media.get(id));
  const missing = mediaIds.filter(
    (_id, i) => !media[i] || media[i]?.accountId !== account.id || media[i]?.statusId !== undefined,
  );
  if (missing.length > 0)
    return mastodonError(422, `Media with IDs ${missing.join(', ')} could not be found`);
  if (media.some((m) => (m?.pendingPolls ?? 0) > 0)) {
    return mastodonError(
      422,
      'Cannot attach files that have not finished processing. Try again in a moment!',
    );
  }
  if (media.some((m) => m?.type === 'video') && media.length > 1) {
    return mastodonError(422, 'Cannot attach a video to a post that already contains images');
  }
  if (text.trim() === '' && mediaIds.length === 0)
    return mastodonError(422, "Validation failed: Text can't be blank");
  if (countableLength(text, spoilerText) > state.maxCharacters) {
    return mastodonError(422, `Validation failed: Text character limit of ${state.maxCharacters} exceeded`);
  }
  // A reply names a status the account can see; anything else is "Record not found".
  const inReplyToId = typeof params.in_reply_to_id === 'string' ? params.in_reply_to_id : undefined;
  if (inReplyToId !== undefined && !state.statuses.some((s) => s.id === inReplyToId && !s.deleted))
    return mastodonError(404, 'Record not found');
  const visibility = typeof params.visibility === 'string' ? params.visibility : 'public';
  if (!VISIBILITIES.has(visibility))
    return mastodonError(422, 'Validation failed: Visibility is not included in the list');
  const status = {
    id: state.nextId(),
    accountId: account.id,
    text,
    mediaIds,
    visibility,
    spoilerText,
    // Mastodon marks a post with a content warning sensitive.
    sensitive: flag(params.sensitive) || spoilerText !== '',
    createdAt: state.now(),
    deleted: false,
    ...(inReplyToId !== undefined ? { inReplyToId } : {}),
  };
  state.statuses.push(status);
  for (const item of media) if (item) item.statusId = status.id;
  if (cacheKey) state.idempotency.set(cacheKey, { statusId: status.id, at: state.now() });
  return { status: 200, body: statusEntity(state, status) };
}

/** Only the author's own statuses: anyone else's answers 404 as if it did not exist. */
export function deleteStatus(state: MastodonState, account: FakeAccount, id: string): Reply {
  const status = state.statuses.find((s) => s.id === id && s.accountId === account.id && !s.deleted);
  if (!status) return mastodonError(404, 'Record not found');
  status.deleted = true;
  // Delete and redraft: the answer carries the source text.
  return { status: 200, body: statusEntity(state, status, { text: status.text }) };
}

/** GET /api/v1/statuses/:id/context: the ancestors and the descendants (replies at any depth), oldest first. */
export function statusContext(state: MastodonState, id: string): Reply {
  const status = state.statuses.find((s) => s.id === id && !s.deleted);
  if (!status) return mastodonError(404, 'Record not found');
  const ancestors = [];
  let parent = status.inReplyToId;
  while (parent) {
    const found = state.statuses.find((s) => s.id === parent && !s.deleted);
    if (!found) break;
    ancestors.unshift(statusEntity(state, found));
    parent = found.inReplyToId;
  }
  const descendants = [];
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const reply of state.statuses.filter((s) => s.inReplyToId === current && !s.deleted)) {
      descendants.push(reply);
      queue.push(reply.id);
    }
  }
  descendants.sort((a, b) => a.createdAt - b.createdAt);
  return { status: 200, body: { ancestors, descendants: descendants.map((s) => statusEntity(state, s)) } };
}
