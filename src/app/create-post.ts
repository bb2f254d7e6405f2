import { DECLARATIONS } from '../connectors/registry.ts';
import type { PublishInput } from '../connectors/types.ts';
import { type AccountRecord, listAccounts } from '../db/accounts.ts';
import { inTransaction } from '../db/pool.ts';
import {
  findPostByIdempotencyKey,
  insertPost,
  insertTargets,
  type PostRecord,
  recordFirstResponse,
} from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { buildErrorBody, type ErrorSpec } from '../errors/build.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { unknownPlatformError } from '../errors/platform-error.ts';
import { addPublishJobs } from '../jobs/queue.ts';
import { needsRelink } from '../linking/relink.ts';
import { checkMediaAhead } from '../media/check-media-ahead.ts';
import { isPlatform, type Platform } from '../platforms.ts';
import { envelopeHttpStatus } from '../posts/envelope.ts';
import { mediaItems } from '../posts/media-kind.ts';
import { parseScheduleDate } from '../posts/schedule-date.ts';
import { validateTarget } from '../posts/validate-target.ts';
import type { AppContext } from './context.ts';
import { newPostId, requestHash } from './post-ids.ts';
import { postReply, type Reply, reloadPost, waitForTargets } from './post-responses.ts';
import { type RequestSecrets, sealSecrets, secretsFor } from './request-secrets.ts';
import { newTargetId } from './target-ids.ts';

export interface PostRequest {
  post: string;
  platforms: string[];
  mediaUrls?: string[];
  isVideo?: boolean;
  scheduleDate?: string;
  idempotencyKey?: string;
  [optionsField: string]: unknown;
}

/** The option object a request gives a network, under its field name or an alias. */
export function optionsFor(body: PostRequest, platform: Platform): unknown {
  const declaration = DECLARATIONS[platform];
  for (const field of [declaration.optionsField, ...(declaration.optionsAliases ?? [])]) {
    if (body[field] !== undefined) return body[field];
  }
  return undefined;
}

function resolvePlatforms(requested: readonly string[], accounts: readonly AccountRecord[]): Platform[] {
  const unknown = requested.find((p) => p !== 'all' && !isPlatform(p));
  if (unknown !== undefined) {
    throw new HeraldError(unknownPlatformError(unknown));
  }
  const set = new Set<Platform>();
  for (const p of requested) {
    if (p === 'all') for (const a of accounts) set.add(a.platform);
    else set.add(p as Platform);
  }
  if (set.size === 0)
    throw new HeraldError({ code: 604, params: { problem: 'platforms names no linked network' } });
  return [...set];
}

/** Networks whose connector posts a `firstComment` once the post is live. */
const FIRST_COMMENT_PLATFORMS: readonly Platform[] = ['tiktok'];

/** `firstComment: {comment}`, refused (604) when a network of the post cannot take it yet. */
function firstCommentFor(body: PostRequest, platforms: readonly Platform[]): { comment: string } | undefined {
  const given = body.firstComment as { comment: string } | undefined;
  if (given === undefined) return undefined;
  if (platforms.some((p) => !FIRST_COMMENT_PLATFORMS.includes(p))) {
    throw new HeraldError({
      code: 604,
      params: { problem: 'firstComment is supported for tiktok only so far' },
    });
  }
  return { comment: given.comment };
}

/**
 * POST /api/post. Everything that can be checked is checked before anything is
 * stored; then one transaction writes the post, one target per network and one
 * job per target. An immediate post waits (bounded) for its targets.
 */
export async function createPost(
  app: AppContext,
  profile: Profile,
  body: PostRequest,
  lang: string | undefined,
  requestSecrets: RequestSecrets,
): Promise<Reply> {
  const hash = requestHash(body);
  const key = body.idempotencyKey ?? null;
  if (key !== null) {
    const existing = await findPostByIdempotencyKey(app.pool, profile.id, key);
    if (existing) return replay(app, existing, hash, key, lang);
  }

  const scheduleDate = parseScheduleDate(body.scheduleDate, new Date());
  const accounts = await listAccounts(app.pool, profile.id);
  const platforms = resolvePlatforms(body.platforms, accounts);
  const firstComment = firstCommentFor(body, platforms);
  const media = mediaItems(body.mediaUrls ?? [], body.isVideo ?? false);

  const errors: ErrorSpec[] = [];
  const planned: {
    platform: Platform;
    account: AccountRecord;
    options: Record<string, unknown>;
    input: PublishInput;
  }[] = [];
  for (const platform of platforms) {
    const declaration = DECLARATIONS[platform];
    const account = accounts.find((a) => a.platform === platform);
    if (!account) {
      errors.push({ code: 156, platform, params: { platformName: declaration.name } });
      continue;
    }
    // Herald could not keep its token alive: refused now with the network's relink code.
    const relink = account.sandbox ? undefined : needsRelink(account, platform);
    if (relink) {
      errors.push(relink);
      continue;
    }
    const rawOptions = optionsFor(body, platform);
    const options = (rawOptions ?? {}) as Record<string, unknown>;
    const input: PublishInput = {
      targetId: '',
      text: body.post,
      media,
      options,
      account: {
        externalId: account.externalId,
        username: account.username,
        displayName: account.displayName,
        // Nothing is decrypted to validate; a sandbox account's stored credentials are exactly
        // {sandbox: true}, which rules may rely on (a sandbox X account needs no BYO keys).
        credentials: account.sandbox ? { sandbox: true } : {},
      },
      requestSecrets: secretsFor(declaration, requestSecrets),
    };
    const found = validateTarget(declaration, input, rawOptions);
    if (found.length > 0) errors.push(...found);
    else planned.push({ platform, account, options, input });
  }
  if (errors.length === 0 && scheduleDate && media.length > 0) {
    const ahead = planned.map((p) => ({ platform: p.platform, input: p.input, sandbox: p.account.sandbox }));
    errors.push(...(await checkMediaAhead(app, ahead, scheduleDate)));
  }
  if (errors.length > 0) {
    // Refused before anything is stored: the caller fixes the input and sends it again.
    return {
      status: envelopeHttpStatus(errors.map((e) => e.code)),
      body: { status: 'error', errors: errors.map((e) => buildErrorBody(e, lang)), postIds: [] },
    };
  }

  const post = await inTransaction(app.pool, async (tx) => {
    const inserted = await insertPost(tx, {
      id: newPostId(),
      profileId: profile.id,
      text: body.post,
      platforms,
      mediaUrls: body.mediaUrls ?? [],
      isVideo: body.isVideo ?? false,
      // The first comment rides with its network's options: the first_comment job reads it there.
      options: Object.fromEntries(
        planned.map((p) => [p.platform, firstComment ? { ...p.options, firstComment } : p.options]),
      ),
      scheduleDate,
      idempotencyKey: key,
      requestHash: key === null ? null : hash,
    });
    if (!inserted) return undefined;
    const rows = planned.map((target) => ({
      id: newTargetId(),
      postId: inserted.id,
      platform: target.platform,
      accountId: target.account.id,
    }));
    await insertTargets(tx, rows);
    await addPublishJobs(
      tx,
      rows.map((row) => ({
        targetId: row.id,
        runAt: scheduleDate ?? undefined,
        sealedSecrets: sealSecrets(app.secretKey, secretsFor(DECLARATIONS[row.platform], requestSecrets)),
      })),
    );
    return inserted;
  });
  if (!post) {
    // Lost a race with the same idempotency key: answer as the winner did.
    const winner = await findPostByIdempotencyKey(app.pool, profile.id, key as string);
    if (!winner) throw new Error('idempotency race without a winner');
    return replay(app, winner, hash, key as string, lang);
  }

  const settled = scheduleDate ? undefined : await waitForTargets(app, post.id, app.config.postWaitMs);
  const reply = await postReply(app, post, lang, settled);
  if (key !== null) await recordFirstResponse(app.pool, post.id, reply.status, reply.body);
  return reply;
}

async function replay(
  app: AppContext,
  existing: PostRecord,
  hash: string,
  key: string,
  lang: string | undefined,
): Promise<Reply> {
  if (existing.requestHash !== hash) throw new HeraldError({ code: 608, params: { key: key.slice(0, 64) } });
  const fresh = await reloadPost(app, existing.id);
  if (fresh.firstResponse !== null && fresh.firstStatus !== null) {
    return { status: fresh.firstStatus, body: fresh.firstResponse as Record<string, unknown> };
  }
  return postReply(app, fresh, lang);
}
