import { DECLARATIONS } from '../connectors/declarations.ts';
import { lockProfileSlots } from '../db/auto-schedules.ts';
import { CommitOutcomeUnknown, inTransaction } from '../db/pool.ts';
import { findPostByIdempotencyKey, insertPost, type PostRecord, recordFirstResponse } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { isTransientDbError } from '../db/transient.ts';
import { buildErrorBody, type ErrorSpec } from '../errors/build.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { PARKED } from '../jobs/queue.ts';
import { type AutoFixField, storedAutoFix } from '../media/auto-fix.ts';
import { mediaKeptFrom, ownMediaNames } from '../media/library/retention.ts';
import { envelopeHttpStatus } from '../posts/envelope.ts';
import { answerTargets } from '../webhooks/emit.ts';
import { type Accept, type Accepted, targetsOf, writeAcceptRows } from './accept-batch.ts';
import { nextSlot } from './auto-schedules.ts';
import { type CheckedPost, checkPost, type PostRequest } from './check-post.ts';
import type { AppContext } from './context.ts';
import { newPostId, requestHash } from './post-ids.ts';
import { AWAIT_MARGIN_MS, postReply, type Reply, reloadPost, waitForTargets } from './post-responses.ts';
import { type RequestSecrets, sealSecrets, secretsFor } from './request-secrets.ts';
import { newTargetId } from './target-ids.ts';

export { optionsFor, type PostRequest } from './check-post.ts';

/** The answer when something refuses the post before anything is stored: the caller fixes it and sends again. */
export function refusal(errors: readonly ErrorSpec[], lang: string | undefined): Reply {
  return {
    status: envelopeHttpStatus(errors.map((e) => e.code)),
    body: { status: 'error', errors: errors.map((e) => buildErrorBody(e, lang)), postIds: [] },
  };
}

/** Seed 002: when enhancement failed for every network, a top-level 441 (HTTP 502) and no post. */
export function captionFailureReply(
  failures: CheckedPost['captionFailures'],
  lang: string | undefined,
): Reply {
  return {
    status: 502,
    body: {
      ...buildErrorBody({ code: 441, variant: 'total' }, lang),
      errors: failures.map((f) => buildErrorBody({ ...f.error, variant: 'totalItem' }, lang)),
    },
  };
}

/**
 * POST /api/post. Everything that can be checked is checked (checkPost) before anything
 * is stored; then one transaction writes the post, its short links, one target per
 * network and one job per target that goes out. A network whose caption enhancement
 * failed is stored as a failed target (441) and never sent. An immediate post waits
 * (bounded, `waitMs`, HERALD_POST_WAIT_MS by default) for its targets; `waitMs: 0`
 * answers `pending` with the id at once (`Prefer: respond-async`).
 */
export async function createPost(
  app: AppContext,
  profile: Profile,
  body: PostRequest,
  lang: string | undefined,
  requestSecrets: RequestSecrets,
  options: { waitMs?: number } = {},
): Promise<Reply> {
  const waitMs = options.waitMs ?? app.config.postWaitMs;
  const key = body.idempotencyKey ?? null;
  // Only a request with a key is ever compared with another: the hash is made for it alone.
  const hash = key === null ? null : requestHash(body);
  if (key !== null && hash !== null) {
    const existing = await findPostByIdempotencyKey(app.pool, profile.id, key);
    if (existing) return replay(app, existing, hash, key, lang);
  }

  const checked = await checkPost(app, profile, body, requestSecrets, { mediaAlways: false });
  const { planned, captionFailures, scheduleDate, firstComment } = checked;
  if (checked.problems.length > 0)
    return refusal([...checked.problems, ...captionFailures.map((f) => f.error)], lang);
  if (planned.length === 0) return captionFailureReply(captionFailures, lang);

  const held = body.requiresApproval === true;
  // Everything but the post's date (a queue slot is chosen under the profile's lock) and
  // the idempotency guard is decided here, before any write.
  const accept = (date: Date | null, postId = newPostId()): Accept => {
    // This request will wait for them: their settles notify (marked as they are written).
    const awaited = date === null && !held && waitMs > 0;
    const rows = planned.map((target) => ({
      id: newTargetId(),
      postId,
      platform: target.platform,
      accountId: target.account.id,
      // Stored only when enhancement changed it: the job sends the post's text otherwise.
      text: target.input.text === body.post ? null : target.input.text,
      ...(awaited ? { awaitedForMs: waitMs + AWAIT_MARGIN_MS } : {}),
    }));
    return {
      post: {
        id: postId,
        profileId: profile.id,
        text: body.post,
        platforms: checked.platforms,
        mediaUrls: body.mediaUrls ?? [],
        isVideo: body.isVideo ?? false,
        // The first comment rides with its network's options: the first_comment job reads it there.
        options: Object.fromEntries(
          planned.map((p) => [p.platform, firstComment ? { ...p.options, firstComment } : p.options]),
        ),
        scheduleDate: date,
        idempotencyKey: key,
        requestHash: hash,
        notes: body.notes || null,
        requiresApproval: held,
        autoSchedule: checked.queue,
        shortenLinks: body.shortenLinks === true,
        autoFix: storedAutoFix(body.autoFix as AutoFixField),
      },
      // Files of the library this post uses are kept past its time (a scheduled post's date).
      keepMedia: {
        fileNames: ownMediaNames(app, body.mediaUrls ?? []),
        until: mediaKeptFrom(app, scheduleDate ?? new Date()),
      },
      links: checked.newLinks,
      targets: rows,
      failedTargets: captionFailures.map((f) => ({
        id: newTargetId(),
        postId,
        platform: f.platform,
        accountId: f.account.id,
        error: f.error,
      })),
      jobs: rows.map((row) => ({
        targetId: row.id,
        // Awaiting approval: the job waits, parked, with its payload, until PATCH {approved: true}.
        runAt: held ? PARKED : (date ?? undefined),
        sealedSecrets: sealSecrets(app.secretKey, secretsFor(DECLARATIONS[row.platform], requestSecrets)),
      })),
    };
  };
  // The common case shares its transaction with concurrent requests (group commit); a
  // queued post (its slot read under a lock) or an idempotent one (its insert may find
  // the key taken) has a transaction of its own.
  const accepted = await storeOnce(key, () =>
    checked.queue || key !== null
      ? inTransaction(app.pool, async (tx): Promise<Accepted | undefined> => {
          let date = scheduleDate;
          if (checked.queue) {
            await lockProfileSlots(tx, profile.id);
            date = await nextSlot(tx, profile.id, checked.queue, new Date());
          }
          const one = accept(date);
          const inserted = await insertPost(tx, one.post);
          if (!inserted) return undefined;
          const targets = await writeAcceptRows(tx, [one]);
          return { post: inserted, targets: targetsOf(targets, inserted.id) };
        })
      : app.accepts.submit(accept(scheduleDate)),
  );
  const post = accepted?.post;
  if (!post) {
    // Lost a race with the same idempotency key: answer as the winner did.
    const winner = await findPostByIdempotencyKey(app.pool, profile.id, key as string);
    if (!winner) throw new Error('idempotency race without a winner');
    return replay(app, winner, hash as string, key as string, lang);
  }
  // Due sooner than this process's scheduler would look again: it wakes by then.
  if (post.scheduleDate && !held) app.scheduler?.dueAt(post.dueAt);

  try {
    const settled =
      post.scheduleDate || held || waitMs === 0
        ? undefined
        : await waitForTargets(
            app,
            post.id,
            waitMs,
            // Written awaited (see `accept`): the queued ones, in the commit just seen.
            accepted.targets.filter((t) => t.state === 'queued').map((t) => t.id),
          );
    // Past the wait, the answer's targets are read under the webhook lock: a post that
    // answers `pending` (or `awaiting approval`) is then reported by the `immediate`
    // webhook when it settles.
    // A scheduled post's targets are as its accept wrote them (returned by the same statements).
    const known = settled ?? (post.scheduleDate ? accepted.targets : await answerTargets(app.pool, post.id));
    const reply = await postReply(app, post, lang, known);
    if (key !== null) await recordFirstResponse(app.pool, post.id, reply.status, reply.body);
    return reply;
  } catch (err) {
    if (!isTransientDbError(err)) throw err;
    // Stored for sure (committed), its outcome unreadable now: the caller gets the id, never
    // an error that would make it post again. Nothing is recorded as the first answer, so a
    // replay with the same key reads the real outcome.
    return {
      status: 200,
      body: { status: 'pending', errors: [], postIds: [], id: post.id, post: post.text },
    };
  }
}

/**
 * Runs the accept transaction; a COMMIT whose outcome is unknown (the database went away
 * on the way) is 648, telling the caller how to re-send safely.
 */
async function storeOnce<T>(key: string | null, store: () => Promise<T>): Promise<T> {
  try {
    return await store();
  } catch (err) {
    if (!(err instanceof CommitOutcomeUnknown)) throw err;
    const resend =
      key === null
        ? 'This request carried no idempotencyKey: look for the post with GET /api/history before sending it again, and send one with every post.'
        : `Send the same request again with idempotencyKey "${key.slice(0, 64)}": it is then safe (the original answer if it was saved, a new save if not; never twice).`;
    throw new HeraldError({ code: 648, params: { resend } });
  }
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
