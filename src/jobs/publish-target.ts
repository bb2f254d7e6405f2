import { connectorContext, connectorFor, linkedAccount } from '../app/connectors.ts';
import type { AppContext } from '../app/context.ts';
import { openSecrets } from '../app/request-secrets.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import { isRequestNotBuilt } from '../connectors/shared/wire.ts';
import type { PublishInput, PublishOutcome } from '../connectors/types.ts';
import { type AccountRecord, findAccountById } from '../db/accounts.ts';
import { inTransaction } from '../db/pool.ts';
import { findPostById, type PostRecord, type TargetRecord } from '../db/posts.ts';
import {
  type Claim,
  findTarget,
  finishAttempt,
  holdLease,
  markFailed,
  markGivenUp,
  markPending,
  markPublished,
  markUnconfirmed,
  requeueAfter,
} from '../db/targets.ts';
import { isTransientDbError, retryTransient } from '../db/transient.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { needsRelink } from '../linking/relink.ts';
import { autoFixOf } from '../media/auto-fix.ts';
import { prepareMedia, withMediaWarnings } from '../media/prepare-media.ts';
import { mediaItems } from '../posts/media-kind.ts';
import { validateTarget } from '../posts/validate-target.ts';
import { firstCommentOf, queueFirstComment } from './first-comment.ts';
import { givenUpError } from './given-up-error.ts';
import { missedBy } from './missed-post.ts';
import { addPollJob, addPublishJob, jobKey } from './queue.ts';
import { waitForPost } from './wait-for-post.ts';

/**
 * The publish job's last attempt failed on an error of Herald's own (a dropped database is
 * not one: again-soon.ts re-adds the job). A target still queued fails with 679, retryable,
 * instead of waiting for good with no job to take it up; one a claim took (`sending`) is left
 * to the sweep, which reconciles it. True when the target moved.
 */
export async function giveUpTarget(
  app: AppContext,
  targetId: string,
  job: { id: string; attempts: number },
): Promise<boolean> {
  const target = await findTarget(app.pool, targetId);
  if (target?.state !== 'queued') return false;
  const error = givenUpError(target.platform, job, 'publish');
  const moved = await markGivenUp(app.pool, targetId, error, { key: jobKey(targetId), id: job.id });
  if (moved)
    app.log.error(
      { targetId, jobId: job.id, attempts: job.attempts },
      'gave up sending a target: its publish job ran out of attempts (679)',
    );
  return moved;
}

/** Seconds the lease outlives the attempt timeout, so a slow but live sender is never taken for dead. */
const LEASE_MARGIN_MS = 30_000;

/** How long a claim holds its target: the send's timeout and the margin. */
export function publishLeaseMs(config: AppContext['config']): number {
  return config.publishTimeoutMs + LEASE_MARGIN_MS;
}
/**
 * Sends that got no answer and that the network confirmed never arrived: past this many,
 * the target fails (625, retryable) instead of being sent again and again to a network
 * that cannot answer within HERALD_PUBLISH_TIMEOUT_MS. Every target reaches a final state.
 */
export const MAX_UNANSWERED_SENDS = 5;
/**
 * Longest wait for a send slot of the account (HERALD_ACCOUNT_CONCURRENCY): well inside the
 * lease margin, so the lease never runs out while waiting; past it the target goes back to
 * the queue, to be claimed again a moment later.
 */
const SLOT_WAIT_MS = 15_000;
/**
 * A wait for the slot up to this long leaves the claim's lease ample (at least the send's
 * timeout and 25 s more): only a longer one renews the lease, and checks the target is still
 * this job's, before sending. Renewing after every wait past a second put one more flushed
 * commit inside the slot of each send to a busy account, which halved what the account
 * could send and made the waits longer still (docs/benchmarks.md, issue 16).
 */
const RENEW_AFTER_WAIT_MS = 5000;

/**
 * The publish-target job. It never sends twice: it sends only a target it has
 * just claimed (queued → sending, one statement); a target it finds already
 * `sending` past its lease belonged to a sender that died, and is reconciled.
 */
export async function publishTarget(
  app: AppContext,
  targetId: string,
  sealedSecrets?: string,
): Promise<void> {
  const leaseMs = publishLeaseMs(app.config);
  const claim = await app.batches.claims.submit(targetId);
  if (!claim) {
    const target = await findTarget(app.pool, targetId);
    if (target?.state === 'sending') await recover(app, target, false, sealedSecrets);
    else if (target?.state === 'queued') await waitForPost(app, target, sealedSecrets);
    return;
  }
  const { target, attempt } = claim;
  // Writes of what Herald already knows are retried through a database outage, within the lease.
  const deadline = Date.now() + leaseMs - LEASE_MARGIN_MS / 2;
  const persist = <T>(work: () => Promise<T>) => retryTransient(work, deadline);
  let send: Awaited<ReturnType<typeof prepareSend>>;
  try {
    send = await prepareSend(app, claim, sealedSecrets, persist);
  } catch (err) {
    if (!isTransientDbError(err)) throw err;
    // The database went away before anything was sent: the target goes back to the queue
    // (never failed for it), and the engine retries the job.
    await persist(() => requeueAfter(app.pool, target.id, new Date(), sealedSecrets));
    await persist(() =>
      finishAttempt(app.pool, target.id, attempt, 'released', null, (err as Error).message),
    );
    throw err;
  }
  if (!send) return;
  const waitStart = Date.now();
  const release = await app.accountSlots.acquire(
    target.accountId ?? target.platform,
    Math.min(
      app.config.accountConcurrency,
      DECLARATIONS[target.platform].maxInFlightPerAccount ?? Number.POSITIVE_INFINITY,
    ),
    SLOT_WAIT_MS,
  );
  if (!release) {
    // Nothing was sent: back to the queue with a fresh job, as after a refused claim.
    const retryAt = new Date(Date.now() + 1000);
    await persist(() => requeueAfter(app.pool, target.id, retryAt, sealedSecrets));
    await persist(() => finishAttempt(app.pool, target.id, attempt, 'released', null, 'account busy'));
    await persist(() => addPublishJob(app.pool, target.id, retryAt, sealedSecrets));
    return;
  }
  let sent: PublishOutcome;
  try {
    // A long wait for the slot renews the lease, so the send has all of it; a target no
    // longer ours (the sweep took it meanwhile) is not sent.
    const renewed =
      Date.now() - waitStart <= RENEW_AFTER_WAIT_MS ||
      (await persist(() => holdLease(app.pool, target.id, new Date(Date.now() + leaseMs))));
    if (!renewed) return;
    sent = await sendWithTimeout(app, target, send.input, send.sandbox);
  } finally {
    release();
  }
  const outcome = withUsedQuota(target, withMediaWarnings(sent, send.warnings), send.used);
  app.metrics.publishes.inc({ platform: target.platform, outcome: outcome.kind });
  logOutcome(app, target, outcome);
  await applyOutcome(app, target, attempt, outcome, sealedSecrets, deadline, claim.post);
}

/**
 * Everything between the claim and the network call: the post as it is now (an edit
 * made before the claim is what is sent), the account and its credentials, the
 * pre-network rules, the budget and the media. A finding fails the target here (nothing
 * was sent); undefined then. A transient database error is thrown to the caller.
 */
async function prepareSend(
  app: AppContext,
  { target, attempt, post, account }: Claim,
  sealedSecrets: string | undefined,
  persist: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<
  | { input: PublishInput; sandbox: boolean; warnings: readonly ErrorSpec[]; used: number | undefined }
  | undefined
> {
  const fail = async (error: ErrorSpec, outcome: string, detail: string | null) => {
    await persist(() =>
      markFailed(app.pool, target.id, error, { number: attempt, outcome, errorCode: error.code, detail }),
    );
    app.metrics.publishes.inc({ platform: target.platform, outcome });
    logOutcome(app, target, { kind: 'failed', error });
    return undefined;
  };
  // The post and the account as the claim read them (one statement, see claimTarget).
  const missed = attempt === 1 ? missedBy(post, new Date(), app.config.missedGraceMs) : undefined;
  if (missed) return fail(missed(target.platform), 'missed', `due ${post.dueAt.toISOString()}`);
  const platformName = DECLARATIONS[target.platform].name;
  if (!account) return fail({ code: 156, params: { platformName } }, 'failed', 'account unlinked');
  let input: PublishInput;
  try {
    input = inputFor(app, target, post, account);
  } catch (err) {
    // Only this is 623: the stored credentials cannot be decrypted (HERALD_SECRET_KEY changed?).
    app.log.error(
      { error: (err as Error).message, targetId: target.id },
      'cannot decrypt the account credentials',
    );
    const details = 'Herald cannot decrypt the stored credentials (was HERALD_SECRET_KEY changed?)';
    return fail({ code: 623, params: { platformName }, details }, 'failed', (err as Error).message);
  }
  input.requestSecrets = openSecrets(app.secretKey, sealedSecrets);
  // A token Herald could not renew: the network would refuse it, so nothing is sent.
  const relink = account.sandbox ? undefined : needsRelink(account, target.platform);
  if (relink) return fail(relink, 'relink', 'account needs relinking');
  const refusal = refuseBeforeNetwork(target, input);
  if (refusal) return fail(refusal, 'refused', 'refused before the network');
  const budget = await checkBudget(app, target);
  if (budget.refused) return fail(budget.refused, 'budget', 'daily budget reached');
  // Media checked and converted before any call: a finding fails the target here (src/media/).
  const leaseMs = publishLeaseMs(app.config);
  const prepared = await prepareMedia(app, target.platform, input, account.sandbox, {
    autoFix: autoFixOf(post.autoFix, app.config),
    fixNow: true,
    // Fitting a video may outlast the lease: it is renewed while Herald downloads and ffmpeg works.
    keepAlive: async () => {
      await holdLease(app.pool, target.id, new Date(Date.now() + leaseMs));
    },
  });
  if (!prepared.ok) return fail(prepared.error, 'preflight', prepared.error.details ?? null);
  return { input: prepared.input, sandbox: account.sandbox, warnings: prepared.warnings, used: budget.used };
}

/** One info line per publish outcome: what happened, never the post or a secret. */
function logOutcome(app: AppContext, target: TargetRecord, outcome: PublishOutcome): void {
  const fields = {
    targetId: target.id,
    postId: target.postId,
    platform: target.platform,
    outcome: outcome.kind,
  };
  if (outcome.kind === 'failed') app.log.info({ ...fields, code: outcome.error.code }, 'publish');
  else if (outcome.kind === 'unknown') app.log.info({ ...fields, reason: outcome.reason }, 'publish');
  else app.log.info(fields, 'publish');
}

/** What a connector is sent for this target (the stored credentials decrypted: may throw). */
function inputFor(
  app: AppContext,
  target: TargetRecord,
  post: PostRecord,
  account: AccountRecord,
): PublishInput {
  // The validated option object stored for this network at request time.
  const options = (post.options[target.platform] ?? {}) as Record<string, unknown>;
  return {
    targetId: target.id,
    // Enhancement (shortenLinks) may have rewritten this network's text.
    text: target.text ?? post.text,
    media: mediaItems(post.mediaUrls, post.isVideo),
    options,
    account: { ...linkedAccount(app, account) },
  };
}

export async function publishInput(
  app: AppContext,
  target: TargetRecord,
  known?: PostRecord,
): Promise<{ input: PublishInput; sandbox: boolean; account: AccountRecord } | undefined> {
  const post = known ?? (await findPostById(app.pool, target.postId));
  const account = target.accountId ? await findAccountById(app.pool, target.accountId) : undefined;
  if (!post || !account) return undefined;
  return { sandbox: account.sandbox, account, input: inputFor(app, target, post, account) };
}

async function sendWithTimeout(
  app: AppContext,
  target: TargetRecord,
  input: PublishInput,
  sandbox: boolean,
): Promise<PublishOutcome> {
  const connector = connectorFor(target.platform, sandbox);
  if (!connector) {
    return {
      kind: 'failed',
      error: { code: 614, params: { platformName: DECLARATIONS[target.platform].name } },
    };
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), app.config.publishTimeoutMs);
  try {
    const ctx = connectorContext(app, target.platform, target.accountId ?? undefined, abort.signal, target);
    const timeout = new Promise<PublishOutcome>((resolve) => {
      abort.signal.addEventListener('abort', () =>
        resolve({ kind: 'unknown', reason: `no answer within ${app.config.publishTimeoutMs} ms` }),
      );
    });
    return await Promise.race([connector.publish(input, ctx), timeout]);
  } catch (err) {
    // A request that could not even be built left nothing behind: final, the stored
    // credentials cannot be sent (linking refuses such values; older links may hold them).
    if (isRequestNotBuilt(err)) {
      const platformName = DECLARATIONS[target.platform].name;
      const details =
        'Herald could not build the request: a stored credential cannot be sent over HTTP. Link the account again.';
      return {
        kind: 'failed',
        error: { code: 623, platform: target.platform, params: { platformName }, details },
      };
    }
    // A connector that throws did not tell us whether the network accepted the post.
    app.log.error({ err, targetId: target.id, platform: target.platform }, 'connector threw during publish');
    return { kind: 'unknown', reason: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export async function applyOutcome(
  app: AppContext,
  target: TargetRecord,
  attempt: number,
  outcome: PublishOutcome,
  sealedSecrets?: string,
  /** Until when a write is retried through a database outage (the end of the claim's lease). */
  deadline = Date.now() + app.config.publishTimeoutMs,
  /**
   * The post as the claim read it, when known: a post without a first comment for this
   * network is settled in one statement, without a transaction around it (no edit can
   * change the post while its target is `sending`: edits need every target queued).
   */
  post?: PostRecord,
): Promise<void> {
  // The network has answered: its answer must reach the database, even if it is away a moment.
  const persist = <T>(work: () => Promise<T>) => retryTransient(work, deadline);
  switch (outcome.kind) {
    case 'published': {
      const published = {
        networkPostId: outcome.id,
        postUrl: outcome.postUrl,
        extra: outcome.extra ?? null,
        warnings: outcome.warnings,
        progress: outcome.progress,
      };
      const end = { number: attempt, outcome: 'published', errorCode: null, detail: null };
      if (post && !firstCommentOf(post, target.platform)) {
        await persist(() => app.batches.settles.submit({ id: target.id, result: published, end }));
        return;
      }
      // The first comment is queued with the move to published: never lost, never queued twice.
      await persist(() =>
        inTransaction(app.pool, async (tx) => {
          const moved = await markPublished(tx, target.id, published, end);
          if (moved) await queueFirstComment(tx, target, sealedSecrets);
        }),
      );
      return;
    }
    case 'pending':
      // The poll job is added with the move to pending: a target never waits pending with no
      // job to ask the network again (a worker that stopped between the two waited for good:
      // a later run of its publish job finds the target no longer claimable and does nothing).
      await persist(() =>
        inTransaction(app.pool, async (tx) => {
          if (await markPending(tx, target.id, outcome.ref))
            await addPollJob(tx, target.id, new Date(Date.now() + outcome.pollAfterMs));
        }),
      );
      await persist(() => finishAttempt(app.pool, target.id, attempt, 'pending', null, null));
      return;
    case 'failed': {
      const error: ErrorSpec = { ...outcome.error, platform: target.platform };
      if (outcome.retryAfterMs !== undefined && attempt <= app.config.maxAutoRetries) {
        const runAt = new Date(Date.now() + outcome.retryAfterMs);
        await persist(() => requeueAfter(app.pool, target.id, runAt, sealedSecrets));
        await persist(() => addPublishJob(app.pool, target.id, runAt, sealedSecrets));
        await persist(() =>
          finishAttempt(app.pool, target.id, attempt, 'retry', error.code, error.details ?? null),
        );
        return;
      }
      await persist(() =>
        markFailed(app.pool, target.id, error, {
          number: attempt,
          outcome: 'failed',
          errorCode: error.code,
          detail: error.details ?? null,
        }),
      );
      return;
    }
    case 'unknown': {
      await persist(() => finishAttempt(app.pool, target.id, attempt, 'unknown', null, outcome.reason));
      const latest = await persist(() => findTarget(app.pool, target.id));
      if (latest?.state === 'sending') await recover(app, latest, true, sealedSecrets);
      return;
    }
  }
}

/**
 * A target left in `sending` without an answer: ask the network (by the key Herald
 * chose) whether the post exists. Found → published; certainly absent → queued
 * again; anything else → unconfirmed, and only an explicit retry may send it. A
 * database error on the way is not an answer: it is thrown, the target stays `sending`
 * under its lease, and the job (or the sweep, after the lease) asks again.
 */
export async function recover(
  app: AppContext,
  target: TargetRecord,
  ownLease: boolean,
  sealedSecrets?: string,
): Promise<void> {
  if (!ownLease && target.leaseUntil && target.leaseUntil.getTime() > Date.now()) {
    // Another sender holds a live lease: it may still answer. Look again when the lease runs out.
    await addPublishJob(app.pool, target.id, target.leaseUntil, sealedSecrets);
    return;
  }
  const persist = <T>(work: () => Promise<T>) => retryTransient(work, Date.now() + 30_000);
  const platformName = DECLARATIONS[target.platform].name;
  const unconfirmed: ErrorSpec = { code: 626, platform: target.platform, params: { platformName } };
  const input = await publishInput(app, target);
  const connector = input ? connectorFor(target.platform, input.sandbox) : undefined;
  if (!input || !connector?.reconcile) {
    await persist(() =>
      markUnconfirmed(app.pool, target.id, {
        ...unconfirmed,
        details: 'The network offers no way to look the post up.',
      }),
    );
    return;
  }
  let found: Awaited<ReturnType<NonNullable<typeof connector.reconcile>>>;
  try {
    // The target's progress (e.g. Meta's container id) lets the connector reconcile with certainty.
    found = await connector.reconcile(
      input.input,
      connectorContext(app, target.platform, target.accountId ?? undefined, undefined, target),
    );
  } catch (err) {
    if (isTransientDbError(err)) throw err;
    await persist(() =>
      markUnconfirmed(app.pool, target.id, {
        ...unconfirmed,
        details: `Reconciliation failed: ${(err as Error).message}`,
      }),
    );
    return;
  }
  if (found.kind === 'published') {
    await persist(() =>
      inTransaction(app.pool, async (tx) => {
        const moved = await markPublished(tx, target.id, {
          networkPostId: found.id,
          postUrl: found.postUrl,
          extra: found.extra ?? null,
          progress: found.progress,
        });
        if (moved) await queueFirstComment(tx, target, sealedSecrets);
      }),
    );
  } else if (found.kind === 'not-found' && target.attempts >= MAX_UNANSWERED_SENDS) {
    const error: ErrorSpec = {
      code: 625,
      platform: target.platform,
      params: { platformName },
      details: `No answer within ${app.config.publishTimeoutMs} ms on ${target.attempts} attempts, and ${platformName} confirms nothing was posted: retrying is safe.`,
    };
    await persist(() => markFailed(app.pool, target.id, error));
  } else if (found.kind === 'not-found') {
    const now = new Date();
    await persist(() => requeueAfter(app.pool, target.id, now, sealedSecrets));
    await persist(() => addPublishJob(app.pool, target.id, now, sealedSecrets));
  } else if (found.kind === 'ask-later') {
    // Still `sending`, leased until then: the job (or the sweep) reconciles it again.
    const until = new Date(Date.now() + found.afterMs);
    await persist(() => holdLease(app.pool, target.id, until));
    await persist(() => addPublishJob(app.pool, target.id, until, sealedSecrets));
    app.log.info({ targetId: target.id, afterMs: found.afterMs, reason: found.reason }, 'reconcile later');
  } else if (found.kind === 'failed') {
    await persist(() => markFailed(app.pool, target.id, { ...found.error, platform: target.platform }));
  } else {
    await persist(() =>
      markUnconfirmed(app.pool, target.id, {
        ...unconfirmed,
        details: `Reconciliation: ${'reason' in found ? found.reason : found.kind}`,
      }),
    );
  }
}

/**
 * The request-time rules again, now with the stored credentials and this attempt's
 * secrets: a retry without X's keys (419) or an account linked the legacy way (423) is
 * refused here. Sandbox and live accounts go through the same rules, so a sandbox
 * refuses exactly what the network would. The option object was checked when the post
 * was accepted (it may carry Herald's own fields since, such as the first comment).
 */
function refuseBeforeNetwork(target: TargetRecord, input: PublishInput): ErrorSpec | undefined {
  const [first] = validateTarget(DECLARATIONS[target.platform], input, undefined);
  return first ? { ...first, platform: target.platform } : undefined;
}

/**
 * A rolling 24 h budget per account (Instagram 50, Threads 250, ...), checked after
 * the claim and before any call: targets being sent by other workers count, so
 * concurrent sends can never exceed it.
 */
async function checkBudget(
  app: AppContext,
  target: TargetRecord,
): Promise<{ used: number | undefined; refused?: ErrorSpec }> {
  const declaration = DECLARATIONS[target.platform];
  const budget = app.config.networks[target.platform].dailyBudget ?? declaration.dailyBudget;
  if (!budget || !target.accountId) return { used: undefined };
  const { used, oldest } = await app.batches.budgets.submit({
    accountId: target.accountId,
    exceptTargetId: target.id,
  });
  if (used < budget) return { used: used + 1 };
  const freesAt = oldest ? oldest.getTime() + 86_400_000 : Date.now() + 60_000;
  const retryAfter = Math.max(1, Math.ceil((freesAt - Date.now()) / 1000));
  return {
    used,
    refused: {
      code: declaration.budgetCode ?? 624,
      platform: target.platform,
      params: { retryAfter, platformName: declaration.name },
    },
  };
}

/** Instagram's postIds carry usedQuota: the posts counted in the window, this one included. */
function withUsedQuota(
  target: TargetRecord,
  outcome: PublishOutcome,
  used: number | undefined,
): PublishOutcome {
  if (outcome.kind !== 'published' || used === undefined || !DECLARATIONS[target.platform].reportsUsedQuota) {
    return outcome;
  }
  return { ...outcome, extra: { ...outcome.extra, usedQuota: used } };
}
