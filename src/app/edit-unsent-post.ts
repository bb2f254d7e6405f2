import { DECLARATIONS } from '../connectors/registry.ts';
import { listAccounts } from '../db/accounts.ts';
import { inTransaction } from '../db/pool.ts';
import { lockPostForEdit, type PostChanges, updatePost } from '../db/post-edits.ts';
import { listTargets, type PostRecord, type TargetRecord } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { buildErrorBody, type ErrorSpec } from '../errors/build.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { movePublishJobs, parkPublishJobs } from '../jobs/queue.ts';
import type { Platform } from '../platforms.ts';
import { envelopeHttpStatus } from '../posts/envelope.ts';
import { mediaItems } from '../posts/media-kind.ts';
import { holdOf } from '../posts/rollup.ts';
import { parseDateTime } from '../posts/schedule-date.ts';
import type { AppContext } from './context.ts';
import { changed, needsNewPost, type PostEditRequest, UNSENT_FIELDS } from './edit-common.ts';
import { checkPlannedMedia, planTargets } from './plan-targets.ts';
import type { Reply } from './post-responses.ts';
import { type RequestSecrets, sealSecrets, secretsFor } from './request-secrets.ts';

type Content = Pick<PostRecord, 'text' | 'mediaUrls' | 'isVideo' | 'options'>;

/** The post's content with the edit applied; `undefined` when the edit leaves it alone. */
function editedContent(
  post: PostRecord,
  body: PostEditRequest,
  video: Record<string, unknown> | undefined,
): Content | undefined {
  if (body.post === undefined && body.mediaUrls === undefined && body.isVideo === undefined && !video) {
    return undefined;
  }
  const options = { ...post.options };
  if (video) {
    if (video.description !== undefined) {
      throw new HeraldError({
        code: 604,
        params: {
          problem: 'a video not sent yet takes the post text as its description: change post instead',
        },
      });
    }
    options.youtube = { ...((options.youtube as Record<string, unknown> | undefined) ?? {}), ...video };
  }
  return {
    text: body.post ?? post.text,
    mediaUrls: body.mediaUrls ?? post.mediaUrls,
    isVideo: body.isVideo ?? post.isVideo,
    options,
  };
}

/** The option object each network was validated with on POST (the first comment rides apart). */
function sentOptions(options: Record<string, unknown>, platform: Platform): unknown {
  const stored = options[platform] as Record<string, unknown> | undefined;
  if (stored === undefined) return undefined;
  const { firstComment: _firstComment, ...rest } = stored;
  return rest;
}

/**
 * Checks an edited content exactly as POST /api/post checks a new post; the errors
 * found. A post only moved keeps the content its rules passed on POST: only the media
 * checks, which depend on the post's time (a signed URL's expiry), run again; the rules
 * are not re-run, so moving a post to X needs no BYO headers.
 */
async function checkContent(
  app: AppContext,
  profile: Profile,
  targets: readonly TargetRecord[],
  content: Content,
  rules: boolean,
  postTime: Date | null,
  requestSecrets: RequestSecrets,
): Promise<ErrorSpec[]> {
  const accounts = await listAccounts(app.pool, profile.id);
  const media = mediaItems(content.mediaUrls, content.isVideo);
  const { errors, planned } = planTargets(
    targets.map((t) => t.platform),
    accounts,
    content.text,
    media,
    (platform) => sentOptions(content.options, platform),
    requestSecrets,
  );
  if (rules && errors.length > 0) return errors;
  return postTime && media.length > 0 ? checkPlannedMedia(app, planned, postTime) : [];
}

/**
 * Every target must still wait for its first send: one being sent is 676; one sent,
 * even if it waits again (a retry after a rate limit), or cancelled, is 675.
 */
function refuseUnlessWaiting(post: PostRecord, targets: readonly TargetRecord[], field: string): void {
  const sending = targets.find((t) => t.state === 'sending');
  if (sending) {
    throw new HeraldError({
      code: 676,
      params: { id: post.id, platformName: DECLARATIONS[sending.platform].name },
    });
  }
  const gone = targets.find((t) => t.state !== 'queued' || t.attempts > 0);
  if (gone) {
    const reason =
      gone.state === 'cancelled' || gone.state === 'deleted' ? 'it was deleted' : 'it was already sent';
    throw needsNewPost(field, post.id, reason);
  }
}

/**
 * Changes of a post none of whose networks was sent yet: moved, paused or resumed,
 * approved, its text or media replaced. The post's row is locked (FOR UPDATE) while
 * every target is checked to be still `queued` and the change and its jobs are written,
 * in one transaction: a publish job claims a target only with the same row locked
 * (claimTarget), so it either claimed before (the edit is refused, 676) or claims after
 * and reads what the edit left. Content is checked before (media, which may fetch) and
 * again under the lock (the rules, against the locked row).
 */
export async function editUnsentPost(
  app: AppContext,
  profile: Profile,
  post: PostRecord,
  body: PostEditRequest,
  video: Record<string, unknown> | undefined,
  lang: string | undefined,
  requestSecrets: RequestSecrets,
): Promise<Reply> {
  const firstField = UNSENT_FIELDS.find((f) => body[f] !== undefined) ?? 'youTubeOptions';
  const moveTo = body.scheduleDate === undefined ? undefined : parseDateTime(body.scheduleDate);
  const content = editedContent(post, body, video);
  if (content || moveTo) {
    const targets = await listTargets(app.pool, [post.id]);
    refuseUnlessWaiting(post, targets, firstField);
    const time = moveTo ?? post.scheduleDate;
    const mediaTime = time && time.getTime() > Date.now() ? time : null;
    const errors = await checkContent(
      app,
      profile,
      targets,
      content ?? post,
      content !== undefined,
      mediaTime,
      requestSecrets,
    );
    if (errors.length > 0) return refused(post, errors, lang);
  }

  const outcome = await inTransaction(app.pool, async (tx) => {
    const locked = await lockPostForEdit(tx, profile.id, post.id);
    if (!locked) throw new HeraldError({ code: 607, params: { what: `Post ${post.id}` } });
    refuseUnlessWaiting(locked.post, locked.targets, firstField);
    const lockedContent = editedContent(locked.post, body, video);
    if (lockedContent) {
      const { errors } = planTargets(
        locked.targets.map((t) => t.platform),
        await listAccounts(tx, profile.id),
        lockedContent.text,
        mediaItems(lockedContent.mediaUrls, lockedContent.isVideo),
        (platform) => sentOptions(lockedContent.options, platform),
        requestSecrets,
      );
      if (errors.length > 0) return { errors };
    }
    const now = new Date();
    const changes = timing(locked.post, body, moveTo, now);
    await updatePost(tx, post.id, {
      ...(lockedContent ?? {}),
      ...changes.fields,
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
    });
    const ids = locked.targets.map((t) => t.id);
    if (changes.hold === 'started') await parkPublishJobs(tx, ids);
    else if (changes.runAt) {
      await movePublishJobs(
        tx,
        locked.targets.map((t) => ({
          targetId: t.id,
          sealedSecrets: sealSecrets(app.secretKey, secretsFor(DECLARATIONS[t.platform], requestSecrets)),
        })),
        changes.runAt,
      );
    }
    return { errors: [] as ErrorSpec[] };
  });
  if (outcome.errors.length > 0) return refused(post, outcome.errors, lang);
  const updated: string[] = [
    ...UNSENT_FIELDS.filter((f) => body[f] !== undefined),
    ...(video ? ['youTubeOptions'] : []),
    ...(body.notes !== undefined ? ['notes'] : []),
  ];
  app.log.info({ postId: post.id, updated }, 'post changed');
  return changed(app, post, updated);
}

/**
 * When the post goes after the edit. A date in the past sends it now; a hold that ends
 * (resume, approval) sends it at its date, or now when that passed. `runAt` is set when
 * its jobs must move; `hold: 'started'` when they must be parked.
 */
function timing(
  post: PostRecord,
  body: PostEditRequest,
  moveTo: Date | undefined,
  now: Date,
): { fields: PostChanges; runAt?: Date; hold?: 'started' } {
  const fields: PostChanges = {};
  const paused = body.scheduledPause ?? post.paused;
  let approvedAt = post.approvedAt;
  if (post.requiresApproval && body.approved === true && approvedAt === null) approvedAt = now;
  if (post.requiresApproval && body.approved === false) approvedAt = null;
  if (paused !== post.paused) fields.paused = paused;
  if (approvedAt !== post.approvedAt) fields.approvedAt = approvedAt;
  let scheduleDate = post.scheduleDate;
  if (moveTo) {
    scheduleDate = moveTo.getTime() < now.getTime() ? now : moveTo;
    fields.scheduleDate = scheduleDate;
    fields.type = 'scheduled';
    // The date no longer comes from the queue schedule: its slot is given up.
    fields.autoSchedule = null;
  }
  const wasHeld = holdOf(post) !== undefined;
  const held = holdOf({ paused, requiresApproval: post.requiresApproval, approvedAt }) !== undefined;
  if (held && !wasHeld) return { fields, hold: 'started' };
  if (held || (!moveTo && !wasHeld)) return { fields };
  const dueAt = new Date(Math.max(scheduleDate?.getTime() ?? now.getTime(), now.getTime()));
  fields.dueAt = dueAt;
  return { fields, runAt: dueAt };
}

function refused(post: PostRecord, errors: readonly ErrorSpec[], lang: string | undefined): Reply {
  return {
    status: envelopeHttpStatus(errors.map((e) => e.code)),
    body: { status: 'error', id: post.id, errors: errors.map((e) => buildErrorBody(e, lang)) },
  };
}
