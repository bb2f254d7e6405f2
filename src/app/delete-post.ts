import { DECLARATIONS } from '../connectors/declarations.ts';
import { findAccountById } from '../db/accounts.ts';
import { inTransaction } from '../db/pool.ts';
import { findPost, listTargets, markPostCancelled, type TargetRecord } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { cancelQueued, markDeleted } from '../db/targets.ts';
import { buildErrorBody, type ErrorBody } from '../errors/build.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { removePublishJob } from '../jobs/queue.ts';
import { envelopeHttpStatus } from '../posts/envelope.ts';
import { connectorContext, connectorFor, linkedAccount } from './connectors.ts';
import type { AppContext } from './context.ts';
import type { Reply } from './post-responses.ts';
import { type RequestSecrets, secretsFor } from './request-secrets.ts';

/**
 * DELETE /api/post: cancels what has not been sent yet and deletes what was
 * published, where the network allows it. The answer is keyed by platform, as
 * Ayrshare's is.
 */
export async function deletePost(
  app: AppContext,
  profile: Profile,
  id: string,
  lang: string | undefined,
  requestSecrets: RequestSecrets = {},
): Promise<Reply> {
  const post = await findPost(app.pool, profile.id, id);
  if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${id.slice(0, 64)}` } });

  const cancelled = await inTransaction(app.pool, async (tx) => {
    const ids = await cancelQueued(tx, post.id);
    for (const targetId of ids) await removePublishJob(tx, targetId);
    if (ids.length > 0) await markPostCancelled(tx, post.id);
    return ids;
  });

  const results: Record<string, ErrorBody> = {};
  let failed = false;
  for (const target of await listTargets(app.pool, [post.id])) {
    if (cancelled.includes(target.id)) {
      results[target.platform] = { action: 'delete', status: 'success', scheduled: true };
    } else if (target.state === 'sending') {
      // On its way to the network: never reported cancelled; it ends as the network decides.
      failed = true;
      const params = { id: post.id, platformName: DECLARATIONS[target.platform].name };
      results[target.platform] = buildErrorBody({ code: 676, action: 'delete', params }, lang);
    } else if (target.state === 'published') {
      const result = await deletePublished(app, target, lang, requestSecrets);
      failed ||= result.status === 'error';
      results[target.platform] = result;
    }
  }
  const errorCodes = Object.values(results).flatMap((r) => (typeof r.code === 'number' ? [r.code] : []));
  return {
    status: failed ? (errorCodes.length > 0 ? envelopeHttpStatus(errorCodes) : 500) : 200,
    body: { status: failed ? 'error' : 'success', id: post.id, ...results },
  };
}

async function deletePublished(
  app: AppContext,
  target: TargetRecord,
  lang: string | undefined,
  requestSecrets: RequestSecrets,
): Promise<ErrorBody> {
  const declaration = DECLARATIONS[target.platform];
  const account = target.accountId ? await findAccountById(app.pool, target.accountId) : undefined;
  const connector = account ? connectorFor(target.platform, account.sandbox) : undefined;
  if (!account || !connector?.delete || !declaration.capabilities.delete) {
    return buildErrorBody(
      { code: 619, platform: target.platform, params: { platformName: declaration.name } },
      lang,
    );
  }
  const linked = linkedAccount(app, account);
  const secrets = secretsFor(declaration, requestSecrets);
  // What the network would refuse before any call (X without its keys): sandbox accounts too.
  const [refused] = declaration.validateAccess?.(linked.credentials, secrets) ?? [];
  if (refused) return buildErrorBody({ ...refused, platform: target.platform, action: 'delete' }, lang);
  const outcome = await connector.delete(
    {
      id: target.networkPostId as string,
      account: linked,
      // X signs the delete with the request's BYO keys; a thread's tweets are in its progress.
      requestSecrets: secrets,
      progress: target.progress,
    },
    connectorContext(app, target.platform, account.id),
  );
  if (outcome.kind === 'failed') {
    return buildErrorBody({ ...outcome.error, platform: target.platform, action: 'delete' }, lang);
  }
  await markDeleted(app.pool, target.id);
  return { action: 'delete', status: 'success', id: target.networkPostId };
}
