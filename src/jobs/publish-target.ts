import { connectorContext, connectorFor, linkedAccount } from '../app/connectors.ts';
import type { AppContext } from '../app/context.ts';
import { openSecrets } from '../app/request-secrets.ts';
import { DECLARATIONS } from '../connectors/registry.ts';
import type { PublishInput, PublishOutcome } from '../connectors/types.ts';
import { findAccountById } from '../db/accounts.ts';
import { inTransaction } from '../db/pool.ts';
import { findPostById, type TargetRecord } from '../db/posts.ts';
import {
  budgetUsage,
  claimTarget,
  findTarget,
  finishAttempt,
  holdLease,
  markFailed,
  markPending,
  markPublished,
  markUnconfirmed,
  requeueAfter,
} from '../db/targets.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { type AutoFix, autoFixOf } from '../media/auto-fix.ts';
import { prepareMedia, withMediaWarnings } from '../media/prepare-media.ts';
import { mediaItems } from '../posts/media-kind.ts';
import { validateTarget } from '../posts/validate-target.ts';
import { queueFirstComment } from './first-comment.ts';
import { addPollJob, addPublishJob } from './queue.ts';

/** Seconds the lease outlives the attempt timeout, so a slow but live sender is never taken for dead. */
const LEASE_MARGIN_MS = 30_000;

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
  const leaseMs = app.config.publishTimeoutMs + LEASE_MARGIN_MS;
  const claim = await claimTarget(app.pool, targetId, leaseMs);
  if (!claim) {
    const target = await findTarget(app.pool, targetId);
    if (target?.state === 'sending') await recover(app, target, false, sealedSecrets);
    else if (target?.state === 'queued' && target.nextAttemptAt)
      await addPublishJob(app.pool, target.id, target.nextAttemptAt, sealedSecrets);
    return;
  }
  const { target, attempt } = claim;
  let input: Awaited<ReturnType<typeof publishInput>>;
  try {
    input = await publishInput(app, target);
  } catch (err) {
    // Nothing was sent: the stored credentials cannot be read (HERALD_SECRET_KEY changed?).
    app.log.error({ err, targetId: target.id }, 'cannot prepare publish');
    const platformName = DECLARATIONS[target.platform].name;
    await markFailed(
      app.pool,
      target.id,
      {
        code: 623,
        params: { platformName },
        details: 'Herald cannot decrypt the stored credentials (was HERALD_SECRET_KEY changed?)',
      },
      { number: attempt, outcome: 'failed', errorCode: 623, detail: (err as Error).message },
    );
    return;
  }
  if (!input) {
    await markFailed(
      app.pool,
      target.id,
      { code: 156, params: { platformName: DECLARATIONS[target.platform].name } },
      { number: attempt, outcome: 'failed', errorCode: 156, detail: 'account unlinked' },
    );
    return;
  }
  input.input.requestSecrets = openSecrets(app.secretKey, sealedSecrets);
  const refusal = refuseBeforeNetwork(target, input.input);
  if (refusal) {
    await markFailed(app.pool, target.id, refusal, {
      number: attempt,
      outcome: 'refused',
      errorCode: refusal.code,
      detail: 'refused before the network',
    });
    app.metrics.publishes.inc({ platform: target.platform, outcome: 'refused' });
    return;
  }
  const budget = await checkBudget(app, target);
  if (budget.refused) {
    await markFailed(app.pool, target.id, budget.refused, {
      number: attempt,
      outcome: 'budget',
      errorCode: budget.refused.code,
      detail: 'daily budget reached',
    });
    app.metrics.publishes.inc({ platform: target.platform, outcome: 'budget' });
    return;
  }
  // Media checked and converted before any call: a finding fails the target here (src/media/).
  const prepared = await prepareMedia(app, target.platform, input.input, input.sandbox, {
    autoFix: autoFixOf(input.autoFix, app.config),
    fixNow: true,
    // An encode may outlast the lease: it is renewed while ffmpeg works.
    keepAlive: async () => {
      await holdLease(app.pool, target.id, new Date(Date.now() + leaseMs));
    },
  });
  if (!prepared.ok) {
    const { code, details } = prepared.error;
    await markFailed(app.pool, target.id, prepared.error, {
      number: attempt,
      outcome: 'preflight',
      errorCode: code,
      detail: details ?? null,
    });
    app.metrics.publishes.inc({ platform: target.platform, outcome: 'preflight' });
    return;
  }
  const outcome = withUsedQuota(
    target,
    withMediaWarnings(await sendWithTimeout(app, target, prepared.input, input.sandbox), prepared.warnings),
    budget.used,
  );
  app.metrics.publishes.inc({ platform: target.platform, outcome: outcome.kind });
  await applyOutcome(app, target, attempt, outcome, sealedSecrets);
}

export async function publishInput(
  app: AppContext,
  target: TargetRecord,
): Promise<{ input: PublishInput; sandbox: boolean; autoFix: AutoFix | null } | undefined> {
  const post = await findPostById(app.pool, target.postId);
  const account = target.accountId ? await findAccountById(app.pool, target.accountId) : undefined;
  if (!post || !account) return undefined;
  // The validated option object stored for this network at request time.
  const options = (post.options[target.platform] ?? {}) as Record<string, unknown>;
  return {
    sandbox: account.sandbox,
    autoFix: post.autoFix,
    input: {
      targetId: target.id,
      // Enhancement (shortenLinks) may have rewritten this network's text.
      text: target.text ?? post.text,
      media: mediaItems(post.mediaUrls, post.isVideo),
      options,
      account: { ...linkedAccount(app, account) },
    },
  };
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
): Promise<void> {
  switch (outcome.kind) {
    case 'published':
      // The first comment is queued with the move to published: never lost, never queued twice.
      await inTransaction(app.pool, async (tx) => {
        const moved = await markPublished(
          tx,
          target.id,
          {
            networkPostId: outcome.id,
            postUrl: outcome.postUrl,
            extra: outcome.extra ?? null,
            warnings: outcome.warnings,
          },
          { number: attempt, outcome: 'published', errorCode: null, detail: null },
        );
        if (moved) await queueFirstComment(tx, target);
      });
      return;
    case 'pending':
      await markPending(app.pool, target.id, outcome.ref);
      await addPollJob(app.pool, target.id, new Date(Date.now() + outcome.pollAfterMs));
      await finishAttempt(app.pool, target.id, attempt, 'pending', null, null);
      return;
    case 'failed': {
      const error: ErrorSpec = { ...outcome.error, platform: target.platform };
      if (outcome.retryAfterMs !== undefined && attempt <= app.config.maxAutoRetries) {
        const runAt = new Date(Date.now() + outcome.retryAfterMs);
        await requeueAfter(app.pool, target.id, runAt);
        await addPublishJob(app.pool, target.id, runAt, sealedSecrets);
        await finishAttempt(app.pool, target.id, attempt, 'retry', error.code, error.details ?? null);
        return;
      }
      await markFailed(app.pool, target.id, error, {
        number: attempt,
        outcome: 'failed',
        errorCode: error.code,
        detail: error.details ?? null,
      });
      return;
    }
    case 'unknown': {
      await finishAttempt(app.pool, target.id, attempt, 'unknown', null, outcome.reason);
      const latest = await findTarget(app.pool, target.id);
      if (latest?.state === 'sending') await recover(app, latest, true, sealedSecrets);
      return;
    }
  }
}

/**
 * A target left in `sending` without an answer: ask the network (by the key Herald
 * chose) whether the post exists. Found → published; certainly absent → queued
 * again; anything else → unconfirmed, and only an explicit retry may send it.
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
  const platformName = DECLARATIONS[target.platform].name;
  const unconfirmed: ErrorSpec = { code: 626, platform: target.platform, params: { platformName } };
  const input = await publishInput(app, target);
  const connector = input ? connectorFor(target.platform, input.sandbox) : undefined;
  if (!input || !connector?.reconcile) {
    await markUnconfirmed(app.pool, target.id, {
      ...unconfirmed,
      details: 'The network offers no way to look the post up.',
    });
    return;
  }
  try {
    // The target's progress (e.g. Meta's container id) lets the connector reconcile with certainty.
    const found = await connector.reconcile(
      input.input,
      connectorContext(app, target.platform, target.accountId ?? undefined, undefined, target),
    );
    if (found.kind === 'published') {
      await inTransaction(app.pool, async (tx) => {
        const moved = await markPublished(tx, target.id, {
          networkPostId: found.id,
          postUrl: found.postUrl,
          extra: found.extra ?? null,
        });
        if (moved) await queueFirstComment(tx, target);
      });
    } else if (found.kind === 'not-found') {
      const now = new Date();
      await requeueAfter(app.pool, target.id, now);
      await addPublishJob(app.pool, target.id, now, sealedSecrets);
    } else if (found.kind === 'ask-later') {
      // Still `sending`, leased until then: the job (or the sweep) reconciles it again.
      const until = new Date(Date.now() + found.afterMs);
      await holdLease(app.pool, target.id, until);
      await addPublishJob(app.pool, target.id, until, sealedSecrets);
      app.log.info({ targetId: target.id, afterMs: found.afterMs, reason: found.reason }, 'reconcile later');
    } else if (found.kind === 'failed') {
      await markFailed(app.pool, target.id, { ...found.error, platform: target.platform });
    } else {
      await markUnconfirmed(app.pool, target.id, {
        ...unconfirmed,
        details: `Reconciliation: ${'reason' in found ? found.reason : found.kind}`,
      });
    }
  } catch (err) {
    await markUnconfirmed(app.pool, target.id, {
      ...unconfirmed,
      details: `Reconciliation failed: ${(err as Error).message}`,
    });
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
  const { used, oldest } = await budgetUsage(app.pool, target.accountId, target.id);
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
