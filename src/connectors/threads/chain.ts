import { type ContainerTiming, publishWithContainers } from '../shared/graph-publish.ts';
import { reconcileContainerPost } from '../shared/graph-reconcile.ts';
import type { ContainerNetwork } from '../shared/graph-run.ts';
import { threadTexts } from '../shared/thread-split.ts';
import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { partContext, partStarted, publishedParts } from './chain-progress.ts';
import { replyNetwork, THREADS_NETWORK } from './network.ts';

/**
 * A chain of posts (`threadsOptions.thread: true`): the first part is a post as any
 * other, each next part a reply to the one before (`reply_to_id`), each through
 * Meta's container flow with its own slot of the target's progress
 * (chain-progress.ts). A retry or a crash recovery resumes after the last published
 * part and never publishes one twice. The chain's id and URL are the first part's.
 */

type Published = Extract<PublishOutcome, { kind: 'published' }>;
type Reconciled = PublishOutcome | { kind: 'not-found' };

/** Media (and their alt texts) go on the first part; the others are text. */
function partInput(input: PublishInput, text: string, index: number): PublishInput {
  return { ...input, text, media: index === 0 ? input.media : [] };
}

/** The first part is a post; each next one replies to the part before it. */
function networkFor(previous: Published | undefined): ContainerNetwork {
  return previous === undefined ? THREADS_NETWORK : replyNetwork(previous.id);
}

export async function publishChain(
  input: PublishInput,
  ctx: ConnectorContext,
  timing: ContainerTiming,
): Promise<PublishOutcome> {
  const texts = threadTexts(input.text, input.options);
  const done = publishedParts(ctx.progress.load(), input.targetId).length;
  if (done > 0 && done < texts.length)
    ctx.log.info({ resumeAt: done + 1, of: texts.length }, 'threads: resuming chain');
  let first: Published | undefined;
  let previous: Published | undefined;
  for (const [index, text] of texts.entries()) {
    // A part already published answers from its progress, without a publish call (graph-publish.ts).
    const outcome = await publishWithContainers(
      networkFor(previous),
      partInput(input, text, index),
      partContext(ctx, input.targetId, index),
      timing,
    );
    if (outcome.kind !== 'published') {
      if (index > 0) ctx.log.info({ part: index + 1, of: texts.length }, 'threads: chain stopped');
      return outcome;
    }
    first ??= outcome;
    previous = outcome;
  }
  return first as Published;
}

/**
 * After a lost answer or a crash: part by part, is it published? A part that never
 * reached Meta (nothing stored: its container is saved before its publish call)
 * ends the look-up as not found, so the core sends the chain again and it resumes
 * there. Published only when every part is.
 */
export async function reconcileChain(input: PublishInput, ctx: ConnectorContext): Promise<Reconciled> {
  const texts = threadTexts(input.text, input.options);
  let first: Published | undefined;
  let previous: Published | undefined;
  for (const [index, text] of texts.entries()) {
    // The first part without progress is looked up among recent posts, as a single post is.
    if (index > 0 && !partStarted(ctx, input.targetId, index)) return { kind: 'not-found' };
    const found = await reconcileContainerPost(
      networkFor(previous),
      partInput(input, text, index),
      partContext(ctx, input.targetId, index),
    );
    if (found.kind !== 'published') return found;
    first ??= found;
    previous = found;
  }
  return first as Published;
}
