import { DECLARATIONS } from '../connectors/declarations.ts';
import { insertLinks } from '../db/links.ts';
import { inTransaction } from '../db/pool.ts';
import { lockPostForEdit, type PostChanges, updatePost, updateTargetTexts } from '../db/post-edits.ts';
import { listTargets, type PostRecord, type TargetRecord } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { buildErrorBody, type ErrorSpec } from '../errors/build.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { movePublishJobs, parkPublishJobs } from '../jobs/queue.ts';
import { envelopeHttpStatus } from '../posts/envelope.ts';
import { holdOf } from '../posts/rollup.ts';
import { parseDateTime } from '../posts/schedule-date.ts';
import type { AppContext } from './context.ts';
import { changed, needsNewPost, type PostEditRequest, UNSENT_FIELDS } from './edit-common.ts';
import {
  type CheckedContent,
  checkEditedContent,
  checkMovedMedia,
  editedContent,
  sameContent,
} from './edit-content.ts';
import type { Reply } from './post-responses.ts';
import { type RequestSecrets, sealSecrets, secretsFor } from './request-secrets.ts';

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

/** How often an edit is tried again when another edit changed the post between its check and its lock. */
const EDIT_TRIES = 3;

/**
 * Changes of a post none of whose networks was sent yet: moved, paused or resumed,
 * approved, its text or media replaced. A new content is checked first, exactly as POST
 * /api/post checks a post (checkPost: rules, caption enhancement, media against the
 * post's time). Then the post's row is locked (FOR UPDATE) while every target is checked
 * to be still `queued` and the change and its jobs are written, in one transaction: a
 * publish job claims a target only with the same row locked (claimTarget), so it either
 * claimed before (the edit is refused, 676) or claims after and reads what the edit left.
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
  let base = post;
  for (let attempt = 1; attempt <= EDIT_TRIES; attempt += 1) {
    const content = editedContent(base, body, video);
    let checked: CheckedContent | undefined;
    if (content || moveTo) {
      const targets = await listTargets(app.pool, [base.id]);
      refuseUnlessWaiting(base, targets, firstField);
      const time = moveTo ?? base.scheduleDate;
      if (content) {
        checked = await checkEditedContent(app, profile, base, targets, content, time, requestSecrets);
        if (checked.problems.length > 0) return refused(base, checked.problems, lang);
      } else if (time) {
        const problems = await checkMovedMedia(app, profile, base, targets, time);
        if (problems.length > 0) return refused(base, problems, lang);
      }
    }
    const written = await inTransaction(app.pool, async (tx) => {
      const locked = await lockPostForEdit(tx, profile.id, base.id);
      if (!locked) throw new HeraldError({ code: 607, params: { what: `Post ${base.id}` } });
      refuseUnlessWaiting(locked.post, locked.targets, firstField);
      // Another edit changed the content since it was checked: check again.
      if (content && !sameContent(locked.post, base)) return locked.post;
      const changes = timing(locked.post, body, moveTo, new Date());
      await updatePost(tx, base.id, {
        ...(content ?? {}),
        ...changes.fields,
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
      });
      if (checked) {
        await insertLinks(tx, checked.newLinks);
        await updateTargetTexts(tx, base.id, checked.texts);
      }
      if (changes.hold === 'started')
        await parkPublishJobs(
          tx,
          locked.targets.map((t) => t.id),
        );
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
      return undefined;
    });
    if (!written) {
      const updated: string[] = [
        ...UNSENT_FIELDS.filter((f) => body[f] !== undefined),
        ...(video ? ['youTubeOptions'] : []),
        ...(body.notes !== undefined ? ['notes'] : []),
      ];
      app.log.info({ postId: post.id, updated }, 'post changed');
      return changed(app, post, updated);
    }
    base = written;
  }
  throw new Error(`post ${post.id} kept changing under concurrent edits`);
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
