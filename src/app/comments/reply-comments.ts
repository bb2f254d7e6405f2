import { DECLARATIONS } from '../../connectors/declarations.ts';
import { type AccountRecord, listAccounts } from '../../db/accounts.ts';
import { commentByNetworkId, commentsByCommentId, ownedByAnotherProfile } from '../../db/comments.ts';
import type { Profile } from '../../db/profiles.ts';
import type { ErrorSpec } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { Platform } from '../../platforms.ts';
import { validateComment } from '../../posts/validate-comment.ts';
import type { AppContext } from '../context.ts';
import { newPostId } from '../post-ids.ts';
import type { Reply } from '../post-responses.ts';
import { type RequestSecrets, secretsFor } from '../request-secrets.ts';
import { commentAnswer } from './comment-answer.ts';
import { namedPlatforms, notLive } from './comment-places.ts';
import { sendComment } from './send-comment.ts';

export interface ReplyBody {
  commentId: string;
  comment: string;
  platforms?: string[];
  mediaUrls?: string[];
  searchPlatformId?: boolean;
  videoId?: string;
}

interface Parent {
  platform: Platform;
  account: AccountRecord;
  networkCommentId: string;
  networkPostId: string;
  postId?: string;
}

/** The comments replied to: this profile's Herald comment (per network), or one network's own comment id. */
async function parentsOf(
  app: AppContext,
  profile: Profile,
  body: ReplyBody,
  errors: ErrorSpec[],
): Promise<Parent[]> {
  const accounts = await listAccounts(app.pool, profile.id);
  const platforms = namedPlatforms(body.platforms, undefined);
  const accountOf = (platform: Platform): AccountRecord | undefined => {
    const account = accounts.find((a) => a.platform === platform);
    if (!account)
      errors.push({
        code: 156,
        platform,
        action: 'comment',
        params: { platformName: DECLARATIONS[platform].name },
      });
    return account;
  };
  if (body.searchPlatformId === true) {
    const [platform] = platforms ?? [];
    if (!platform || platforms?.length !== 1)
      throw new HeraldError({
        code: 604,
        params: { problem: 'searchPlatformId needs exactly one platform' },
      });
    if (await ownedByAnotherProfile(app.pool, profile.id, platform, body.commentId))
      throw new HeraldError({ code: 607, params: { what: `Comment ${body.commentId.slice(0, 64)}` } });
    const known = await commentByNetworkId(app.pool, profile.id, platform, body.commentId);
    const networkPostId = body.videoId ?? known?.networkPostId;
    if (platform === 'tiktok' && !networkPostId)
      throw new HeraldError({
        code: 604,
        params: { problem: 'videoId is required to reply to a TikTok comment by its id' },
      });
    if (platform === 'tiktok') {
      const refused = notLive('tiktok', 'published', networkPostId ?? null, 'comment');
      if (refused) {
        errors.push(refused);
        return [];
      }
    }
    const account = accountOf(platform);
    return account
      ? [
          {
            platform,
            account,
            networkCommentId: body.commentId,
            networkPostId: networkPostId ?? body.commentId,
            ...(known?.postId ? { postId: known.postId } : {}),
          },
        ]
      : [];
  }
  const rows = await commentsByCommentId(app.pool, profile.id, body.commentId);
  if (rows.length === 0)
    throw new HeraldError({ code: 607, params: { what: `Comment ${body.commentId.slice(0, 64)}` } });
  const parents: Parent[] = [];
  for (const platform of platforms ?? rows.map((r) => r.platform)) {
    const row = rows.find((r) => r.platform === platform);
    const name = DECLARATIONS[platform].name;
    if (row?.state !== 'posted' || !row.networkCommentId) {
      const state = row ? `comment ${row.state}` : 'comment not sent there';
      errors.push({ code: 686, platform, action: 'comment', params: { platformName: name, state } });
      continue;
    }
    const account = accountOf(platform);
    if (account)
      parents.push({
        platform,
        account,
        networkCommentId: row.networkCommentId,
        networkPostId: row.networkPostId,
        ...(row.postId ? { postId: row.postId } : {}),
      });
  }
  return parents;
}

/** POST /api/comments/reply: a reply to a comment, on each network it is on (or the one named). */
export async function replyComments(
  app: AppContext,
  profile: Profile,
  body: ReplyBody,
  lang: string | undefined,
  secrets: RequestSecrets,
): Promise<Reply> {
  const errors: ErrorSpec[] = [];
  const mediaUrls = body.mediaUrls ?? [];
  const parents = (await parentsOf(app, profile, body, errors)).filter((parent) => {
    const invalid = validateComment(DECLARATIONS[parent.platform], body.comment, mediaUrls);
    if (invalid) errors.push({ ...invalid, action: 'comment' });
    return !invalid;
  });
  const commentId = newPostId();
  const done: Record<string, unknown> = {};
  const sent = await Promise.all(
    parents.map((parent) =>
      sendComment(app, {
        commentId,
        profileId: profile.id,
        account: parent.account,
        kind: 'reply',
        text: body.comment,
        mediaUrls,
        networkPostId: parent.networkPostId,
        networkParentId: parent.networkCommentId,
        ...(parent.postId ? { postId: parent.postId } : {}),
        requestSecrets: secretsFor(DECLARATIONS[parent.platform], secrets),
      }),
    ),
  );
  sent.forEach((result, i) => {
    const parent = parents[i] as Parent;
    if (result.kind === 'posted') {
      done[parent.platform] = {
        status: 'success',
        commentId: result.networkCommentId,
        sourceCommentId: parent.networkCommentId,
        comment: body.comment,
        platform: parent.platform,
      };
    } else errors.push({ ...result.error, platform: parent.platform, action: 'comment' });
  });
  const head = Object.keys(done).length > 0 ? { id: body.commentId, commentId } : {};
  return commentAnswer(head, done, errors, lang);
}
