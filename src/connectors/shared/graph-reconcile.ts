import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import type { GraphFailure } from './graph-client.ts';
import { containerStatus } from './graph-container.ts';
import { findRecentPost } from './graph-recent.ts';
import { type ContainerNetwork, published, specOf, startRun } from './graph-run.ts';

type Reconciled = PublishOutcome | { kind: 'not-found' };

function describe(failure: GraphFailure): string {
  return failure.kind === 'network' ? failure.reason : `HTTP ${failure.status} ${failure.error.message}`;
}

/**
 * After a lost answer: was the post published? The container, when the target's
 * progress names one, answers with certainty (PUBLISHED or not). Without it (the core
 * recovers a crashed attempt without its progress), the account's recent posts are
 * searched for the text (graph-recent.ts states the rule and its limits).
 */
export async function reconcileContainerPost(
  network: ContainerNetwork,
  input: PublishInput,
  ctx: ConnectorContext,
): Promise<Reconciled> {
  const run = startRun(network, input, ctx);
  if (typeof run === 'string') return { kind: 'failed', error: specOf(network, 623, run) };
  const { mediaId, container } = run.progress;
  if (mediaId) return published(run, mediaId);
  if (container) {
    const read = await containerStatus(run.client, container, network.dialect);
    if (!read.ok) return { kind: 'unknown', reason: `container ${container}: ${describe(read.failure)}` };
    // Any other state: this container was never published; a re-send reuses or replaces it.
    if (read.status.state !== 'PUBLISHED') return { kind: 'not-found' };
  }
  if (!network.listable(input)) return { kind: 'unknown', reason: 'this kind of post cannot be looked up' };
  const found = await findRecentPost(run.client, [run.userId, network.edges.list], network.textField, input);
  switch (found.kind) {
    case 'found':
      return published(run, found.post.id);
    case 'absent':
      // A container Meta calls PUBLISHED exists even when the listing does not show it yet.
      return container
        ? { kind: 'unknown', reason: `container ${container} is published but not listed yet` }
        : { kind: 'not-found' };
    case 'ambiguous':
      return { kind: 'unknown', reason: `several recent posts match: ${found.ids.join(', ')}` };
    case 'unmatchable':
      return { kind: 'unknown', reason: 'a post without text cannot be looked up' };
    default:
      return { kind: 'unknown', reason: `recent posts could not be read: ${describe(found.failure)}` };
  }
}
