import type { ConnectorContext, MediaItem, PublishInput, PublishOutcome } from '../types.ts';
import type { Params } from './graph-client.ts';
import { stringField } from './graph-client.ts';
import { containerStatus, waitForContainer } from './graph-container.ts';
import { type Failed, metaWords, networkOutcome, retryLater } from './graph-errors.ts';
import { CONTAINER_TTL_MS } from './graph-progress.ts';
import {
  adoptPublished,
  type ContainerNetwork,
  forgetContainer,
  published,
  type Run,
  save,
  specOf,
  startRun,
} from './graph-run.ts';

/**
 * Meta's container flow (Instagram, Threads): create the container(s), wait until Meta
 * has processed them, then publish once. Progress is saved at each step (graph-progress.ts),
 * so a retry resumes the same container and never publishes a second post.
 */

export interface ContainerTiming {
  /** Waits between status reads of a container; past the last, the container has timed out. */
  pollDelaysMs: readonly number[];
}

/** About 30 s, inside the default attempt timeout (HERALD_PUBLISH_TIMEOUT_MS, 60 s). */
export const DEFAULT_TIMING: ContainerTiming = {
  pollDelaysMs: [1_000, 2_000, 3_000, 4_000, 5_000, 5_000, 5_000, 5_000],
};

type Created = { kind: 'created'; id: string };

async function create(run: Run, params: Params, item?: MediaItem): Promise<Created | Failed> {
  const { network } = run;
  const answer = await run.client.post([run.userId, network.edges.create], params);
  if (answer.ok) {
    const id = stringField(answer.value, 'id');
    return id
      ? { kind: 'created', id }
      : retryLater(network.platform, network.name, 'container created without an id');
  }
  const { failure } = answer;
  // Creating a container publishes nothing: trying again later is always safe.
  if (failure.kind === 'network') return retryLater(network.platform, network.name, failure.reason);
  return network.refuse(run, network.classifyAnswer(failure), failure.headers, item);
}

/**
 * Waits for a container to be processed. Undefined when it is FINISHED; otherwise the
 * failure (an item in error is forgotten, so the next attempt makes new containers).
 */
async function ready(
  run: Run,
  id: string,
  timing: ContainerTiming,
  item?: MediaItem,
): Promise<Failed | 'published' | undefined> {
  const { network } = run;
  const waited = await waitForContainer(run.client, id, network.dialect, timing.pollDelaysMs, run.ctx.signal);
  if (!waited.ok) {
    const { failure } = waited;
    if (failure.kind === 'network') return retryLater(network.platform, network.name, failure.reason);
    return network.refuse(run, network.classifyAnswer(failure), failure.headers, item);
  }
  const { status } = waited;
  switch (status.state) {
    case 'FINISHED':
      return undefined;
    case 'PUBLISHED':
      return 'published';
    case 'IN_PROGRESS':
      // Still processing: the container is kept, so a retry waits for it instead of making another.
      return { kind: 'failed', error: specOf(network, network.processingTimeoutCode) };
    case 'ERROR':
      await forgetContainer(run);
      return network.refuse(run, network.classifyContainer(status), new Headers(), item);
    default:
      await forgetContainer(run);
      return retryLater(network.platform, network.name, `container ${id} expired`);
  }
}

async function createContainers(run: Run, timing: ContainerTiming): Promise<Failed | undefined> {
  const { input, network } = run;
  const single = network.singleParams(input);
  let parent: Created | Failed;
  if (single) {
    parent = await create(run, single, input.media[0]);
  } else {
    const children = [...(run.progress.children ?? [])];
    for (const [index, item] of input.media.entries()) {
      if (index < children.length) continue;
      const child = await create(run, network.childParams(input, item, index), item);
      if (child.kind === 'failed') return child;
      children.push(child.id);
      // Best effort: a child id lost here only costs Meta one unused container.
      await save(run, { ...run.progress, children: [...children] });
    }
    for (const [index, id] of children.entries()) {
      const problem = await ready(run, id, timing, input.media[index]);
      if (problem === 'published')
        return retryLater(network.platform, network.name, `item ${id} already used`);
      if (problem) return problem;
    }
    parent = await create(run, network.carouselParams(input, children));
  }
  if (parent.kind === 'failed') return parent;
  await save(run, { targetId: input.targetId, container: parent.id, createdAt: Date.now() });
  return undefined;
}

/** Waits for the container, then sends the publish call exactly once for this attempt. */
async function publishContainer(run: Run, timing: ContainerTiming): Promise<PublishOutcome> {
  const { network, input } = run;
  const container = run.progress.container as string;
  const single = input.media.length === 1 ? input.media[0] : undefined;
  const problem = await ready(run, container, timing, single);
  if (problem === 'published') return adoptPublished(run);
  if (problem) return problem;
  // Recorded before the call: a later attempt then asks Meta instead of publishing blindly.
  if (!(await save(run, { ...run.progress, publishSentAt: Date.now() })))
    return retryLater(network.platform, network.name, 'progress could not be stored; publish not sent');
  const answer = await run.client.post([run.userId, network.edges.publish], { creation_id: container });
  if (answer.ok) {
    const id = stringField(answer.value, 'id');
    return id
      ? published(run, id)
      : { kind: 'unknown', reason: `${network.edges.publish} answered without an id` };
  }
  const { failure } = answer;
  if (failure.kind === 'network') return networkOutcome(failure, network.platform, network.name, true);
  const classified = network.classifyAnswer(failure);
  if (network.staleSubcodes.has(Number(classified.signal.subcode))) {
    await forgetContainer(run);
    return network.refuse(run, classified, failure.headers, single);
  }
  // A server error answering the publish call itself: Meta may still have published.
  if (classified.row.retry === 'backoff')
    return { kind: 'unknown', reason: `${network.edges.publish}: ${metaWords(failure.error)}` };
  return network.refuse(run, classified, failure.headers, single);
}

async function startOver(run: Run): Promise<'create'> {
  await forgetContainer(run);
  return 'create';
}

/** A container from an earlier attempt: publish it, adopt its post, or start again. */
async function resume(run: Run, timing: ContainerTiming): Promise<PublishOutcome | 'create'> {
  const { container, publishSentAt, createdAt = 0 } = run.progress;
  const { network } = run;
  // Never published by us and past Meta's 24 h: it expired, a new one is needed.
  if (publishSentAt === undefined && Date.now() - createdAt > CONTAINER_TTL_MS) return startOver(run);
  const read = await containerStatus(run.client, container as string, network.dialect);
  if (!read.ok) {
    if (publishSentAt !== undefined)
      return {
        kind: 'unknown',
        reason: `container ${container} could not be read after the publish call was sent`,
      };
    // Meta unreachable: try again later with the same container. Meta does not know it: make another.
    if (read.failure.kind === 'network')
      return retryLater(network.platform, network.name, read.failure.reason);
    return startOver(run);
  }
  const { state } = read.status;
  if (state === 'PUBLISHED') return adoptPublished(run);
  // FINISHED after a lost publish call means Meta did not publish it; a container is
  // published at most once, so publishing it again cannot make a second post.
  if (state === 'FINISHED' || state === 'IN_PROGRESS') return publishContainer(run, timing);
  return startOver(run);
}

/** Publishes one target on a container network; the input was validated by the caller. */
export async function publishWithContainers(
  network: ContainerNetwork,
  input: PublishInput,
  ctx: ConnectorContext,
  timing: ContainerTiming,
): Promise<PublishOutcome> {
  const run = startRun(network, input, ctx);
  if (typeof run === 'string') return { kind: 'failed', error: specOf(network, 623, run) };
  if (run.progress.mediaId) return published(run, run.progress.mediaId);
  if (run.progress.container) {
    const resumed = await resume(run, timing);
    if (resumed !== 'create') return resumed;
  }
  const failed = await createContainers(run, timing);
  return failed ?? publishContainer(run, timing);
}
