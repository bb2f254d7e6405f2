import { DECLARATIONS } from '../connectors/declarations.ts';
import { inTransaction } from '../db/pool.ts';
import { findPost } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { requeueForRetry } from '../db/targets.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { addPublishJob } from '../jobs/queue.ts';
import type { AppContext } from './context.ts';
import { postReply, type Reply, reloadPost, waitForTargets } from './post-responses.ts';
import { type RequestSecrets, sealSecrets, secretsFor } from './request-secrets.ts';

/**
 * PUT /api/post/retry: failed targets (and unconfirmed ones, only when asked)
 * go back to the queue. A published target is never touched, so retrying any
 * number of times never posts twice.
 */
export async function retryPost(
  app: AppContext,
  profile: Profile,
  id: string,
  includeUnconfirmed: boolean,
  lang: string | undefined,
  requestSecrets: RequestSecrets = {},
  options: { waitMs?: number } = {},
): Promise<Reply> {
  const post = await findPost(app.pool, profile.id, id);
  if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${id.slice(0, 64)}` } });
  const requeued = await inTransaction(app.pool, async (tx) => {
    const requeued = await requeueForRetry(tx, post.id, includeUnconfirmed);
    for (const { id, platform } of requeued) {
      await addPublishJob(
        tx,
        id,
        undefined,
        sealSecrets(app.secretKey, secretsFor(DECLARATIONS[platform], requestSecrets)),
      );
    }
    return requeued;
  });
  if (requeued.length === 0) throw new HeraldError({ code: 615, params: { id: post.id } });
  app.log.info({ postId: post.id, targets: requeued.length }, 'retry requested');
  // `waitMs: 0` (Prefer: respond-async): the caller follows the post itself.
  const waitMs = options.waitMs ?? app.config.postWaitMs;
  if (waitMs > 0) await waitForTargets(app, post.id, waitMs);
  return postReply(app, await reloadPost(app, post.id), lang);
}
