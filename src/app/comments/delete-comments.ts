import { DECLARATIONS } from '../../connectors/declarations.ts';
import { type AccountRecord, listAccounts } from '../../db/accounts.ts';
import {
  type CommentRecord,
  commentByNetworkId,
  commentsByCommentId,
  commentsOnPost,
  markCommentDeleted,
  ownedByAnotherProfile,
} from '../../db/comments.ts';
import { findPost, findPostById } from '../../db/posts.ts';
import type { Profile } from '../../db/profiles.ts';
import type { ErrorSpec } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { Platform } from '../../platforms.ts';
import { connectorContext, linkedAccount } from '../connectors.ts';
import type { AppContext } from '../context.ts';
import type { Reply } from '../post-responses.ts';
import { type RequestSecrets, secretsFor } from '../request-secrets.ts';
import { commentAnswer } from './comment-answer.ts';
import { namedPlatforms } from './comment-places.ts';
import { commentsOf } from './send-comment.ts';

export interface DeleteQuery {
  platform?: string;
  platforms?: string[];
  searchPlatformId?: boolean;
}

interface Doomed {
  platform: Platform;
  networkCommentId: string;
  text?: string;
  networkPostId?: string;
  row?: CommentRecord;
}

/** The comments a delete names: one network's own comment id, or Herald's post id or commentId (this profile's only). */
async function doomedOf(
  app: AppContext,
  profile: Profile,
  id: string,
  query: DeleteQuery,
): Promise<Doomed[]> {
  const platforms = namedPlatforms(query.platforms, query.platform);
  if (query.searchPlatformId === true) {
    const [platform] = platforms ?? [];
    if (!platform || platforms?.length !== 1)
      throw new HeraldError({
        code: 604,
        params: { problem: 'searchPlatformId needs exactly one platform' },
      });
    if (await ownedByAnotherProfile(app.pool, profile.id, platform, id))
      throw new HeraldError({ code: 607, params: { what: `Comment ${id.slice(0, 64)}` } });
    const row = await commentByNetworkId(app.pool, profile.id, platform, id);
    return [
      {
        platform,
        networkCommentId: id,
        ...(row ? { row, text: row.text, networkPostId: row.networkPostId } : {}),
      },
    ];
  }
  const post = await findPost(app.pool, profile.id, id);
  const rows = post
    ? await commentsOnPost(app.pool, profile.id, post.id)
    : await commentsByCommentId(app.pool, profile.id, id);
  if (!post && rows.length === 0)
    throw new HeraldError({ code: 607, params: { what: `Post or comment ${id.slice(0, 64)}` } });
  return rows
    .filter(
      (r) => r.state === 'posted' && r.networkCommentId && (!platforms || platforms.includes(r.platform)),
    )
    .map((row) => ({
      platform: row.platform,
      networkCommentId: row.networkCommentId as string,
      text: row.text,
      networkPostId: row.networkPostId,
      row,
    }));
}

/**
 * DELETE /api/comments/:id. By Herald's post id it deletes every comment Herald sent on
 * the post (first comments included), by commentId that request's comments, and with
 * `searchPlatformId` one network's comment by its own id, through this profile's account.
 */
export async function deleteComments(
  app: AppContext,
  profile: Profile,
  id: string,
  query: DeleteQuery,
  lang: string | undefined,
  secrets: RequestSecrets,
): Promise<Reply> {
  const doomed = await doomedOf(app, profile, id, query);
  const accounts = await listAccounts(app.pool, profile.id);
  const errors: ErrorSpec[] = [];
  const results = await deleteInOrder(doomed, (d) => deleteOne(app, d, accounts, secrets));
  const done: Record<string, unknown> = {};
  results.forEach((result, i) => {
    const d = doomed[i] as Doomed;
    if (result) {
      errors.push({ ...result, platform: d.platform, action: 'delete' });
      return;
    }
    const entry = {
      action: 'delete',
      status: 'success',
      id: d.networkCommentId,
      ...(d.text !== undefined ? { comment: d.text } : {}),
    };
    const previous = done[d.platform];
    done[d.platform] =
      previous === undefined ? entry : [...(Array.isArray(previous) ? previous : [previous]), entry];
  });
  return commentAnswer({}, done, errors, lang);
}

/**
 * Networks in parallel; within one network, one comment at a time, newest first: a reply
 * goes before the comment it answers, since a network may remove a comment's replies
 * with it (Instagram, YouTube) and would then call them missing. Results keep `doomed`'s order.
 */
async function deleteInOrder<T>(doomed: readonly Doomed[], run: (d: Doomed) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(doomed.length);
  const byPlatform = new Map<Platform, number[]>();
  for (const [i, d] of doomed.entries())
    byPlatform.set(d.platform, [...(byPlatform.get(d.platform) ?? []), i]);
  await Promise.all(
    [...byPlatform.values()].map(async (indexes) => {
      for (const i of [...indexes].reverse()) results[i] = await run(doomed[i] as Doomed);
    }),
  );
  return results;
}

async function deleteOne(
  app: AppContext,
  d: Doomed,
  accounts: readonly AccountRecord[],
  secrets: RequestSecrets,
): Promise<ErrorSpec | undefined> {
  const params = { platformName: DECLARATIONS[d.platform].name };
  const account = accounts.find((a) => a.platform === d.platform);
  if (!account) return { code: 156, platform: d.platform, params };
  const comments = commentsOf(d.platform, account.sandbox);
  if (!comments) return { code: 685, variant: 'notYet', platform: d.platform, params };
  const post = d.row?.postId ? await findPostById(app.pool, d.row.postId) : undefined;
  const outcome = await comments.delete(
    {
      commentId: d.networkCommentId,
      account: linkedAccount(app, account),
      ...(d.networkPostId ? { postId: d.networkPostId } : {}),
      ...(post ? { postText: post.text } : {}),
      requestSecrets: secretsFor(DECLARATIONS[d.platform], secrets),
    },
    connectorContext(app, d.platform, account.id),
  );
  if (outcome.kind === 'failed') return outcome.error;
  if (d.row) await markCommentDeleted(app.pool, d.row.id);
  return undefined;
}
