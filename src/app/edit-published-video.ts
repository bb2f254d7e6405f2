import { DECLARATIONS } from '../connectors/declarations.ts';
import { findAccountById } from '../db/accounts.ts';
import { updateNotes, updateStoredOptions } from '../db/post-edits.ts';
import type { PostRecord, TargetRecord } from '../db/posts.ts';
import { buildErrorBody, httpStatusOf } from '../errors/build.ts';
import { connectorContext, connectorFor, linkedAccount } from './connectors.ts';
import type { AppContext } from './context.ts';
import { changed, needsNewPost } from './edit-common.ts';
import type { Reply } from './post-responses.ts';

/**
 * A published YouTube video's title, description, privacy, category, tags or
 * made-for-kids flag, changed on YouTube (videos.update through the connector). The
 * network is asked first: when it refuses, nothing of the PATCH is stored (notes
 * included) and its error comes back as a catalog body with action `update`.
 */
export async function editPublishedVideo(
  app: AppContext,
  post: PostRecord,
  target: TargetRecord,
  changes: Record<string, unknown>,
  notes: string | undefined,
  lang: string | undefined,
): Promise<Reply> {
  const declaration = DECLARATIONS[target.platform];
  const account = target.accountId ? await findAccountById(app.pool, target.accountId) : undefined;
  if (!account) {
    const body = buildErrorBody(
      { code: 156, platform: target.platform, action: 'update', params: { platformName: declaration.name } },
      lang,
    );
    return { status: httpStatusOf(156), body: { status: 'error', id: post.id, errors: [body] } };
  }
  const connector = connectorFor(target.platform, account.sandbox);
  if (!connector?.updateMetadata) {
    throw needsNewPost(
      'youTubeOptions',
      post.id,
      `${declaration.name} does not allow changing a published post`,
    );
  }
  const stored = (post.options[target.platform] ?? {}) as Record<string, unknown>;
  const outcome = await connector.updateMetadata(
    { id: target.networkPostId as string, account: linkedAccount(app, account), options: stored, changes },
    connectorContext(app, target.platform, account.id),
  );
  if (outcome.kind === 'failed') {
    const body = buildErrorBody({ ...outcome.error, platform: target.platform, action: 'update' }, lang);
    app.log.warn({ postId: post.id, code: outcome.error.code }, 'video update refused');
    return {
      status: httpStatusOf(outcome.error.code),
      body: { status: 'error', id: post.id, errors: [body] },
    };
  }
  // What Herald shows of the post follows the video (the description lives on YouTube only).
  const { description: _description, ...kept } = changes;
  await updateStoredOptions(app.pool, post.id, target.platform, { ...stored, ...kept });
  if (notes !== undefined) await updateNotes(app.pool, post.profileId, post.id, notes);
  app.log.info({ postId: post.id, fields: Object.keys(changes) }, 'video updated');
  return changed(app, post, ['youTubeOptions', ...(notes !== undefined ? ['notes'] : [])], {
    youtube: {
      status: 'success',
      id: target.networkPostId,
      postUrl: target.postUrl,
      ...outcome.metadata,
    },
  });
}
