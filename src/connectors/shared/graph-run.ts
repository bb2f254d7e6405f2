import type { ErrorSpec } from '../../errors/build.ts';
import type { ConnectorContext, MediaItem, PublishInput, PublishOutcome } from '../types.ts';
import { type CredentialNames, clientFor, readGraphAccount } from './graph-account.ts';
import type { GraphClient, GraphError, Params } from './graph-client.ts';
import { stringField } from './graph-client.ts';
import type { ContainerDialect, ContainerStatus } from './graph-container.ts';
import type { Failed, MetaClassified } from './graph-errors.ts';
import { type ContainerProgress, loadContainerProgress, saveContainerProgress } from './graph-progress.ts';
import { findRecentPost } from './graph-recent.ts';

/**
 * What differs between Meta's two container networks (Instagram, Threads): edges,
 * parameters, status dialect and error table. The flow itself is shared (graph-publish.ts).
 */
export interface ContainerNetwork {
  platform: 'instagram' | 'threads';
  name: string;
  credentials: CredentialNames;
  edges: { create: string; publish: string; list: string };
  /** The field that holds the post's text in listings: `caption` or `text`. */
  textField: 'caption' | 'text';
  dialect: ContainerDialect;
  /** The code of a container still processing when the polling ends (Instagram 436). */
  processingTimeoutCode: number;
  /** Subcodes after which a container can never be published: a retry makes a new one. */
  staleSubcodes: ReadonlySet<number>;
  classifyAnswer(failure: GraphError): MetaClassified;
  classifyContainer(status: ContainerStatus): MetaClassified;
  /** The outcome of a refusal, completed with what the table cannot know (a ratio, a wait). */
  refuse(run: Run, classified: MetaClassified, headers: Headers, item?: MediaItem): Promise<Failed>;
  /** One container for the whole post (text, photo, video, story), or undefined for a carousel. */
  singleParams(input: PublishInput): Params | undefined;
  childParams(input: PublishInput, item: MediaItem, index: number): Params;
  carouselParams(input: PublishInput, children: readonly string[]): Params;
  /** False for posts that cannot be found in the listing (a story has no caption). */
  listable(input: PublishInput): boolean;
}

/** One publish (or reconcile) of one target: its account, client and stored progress. */
export interface Run {
  network: ContainerNetwork;
  input: PublishInput;
  ctx: ConnectorContext;
  client: GraphClient;
  userId: string;
  progress: ContainerProgress;
}

export function startRun(
  network: ContainerNetwork,
  input: PublishInput,
  ctx: ConnectorContext,
): Run | string {
  const account = readGraphAccount(input.account.credentials, network.credentials);
  if (typeof account === 'string') return account;
  return {
    network,
    input,
    ctx,
    client: clientFor(account, ctx),
    userId: account.id,
    progress: loadContainerProgress(ctx, input.targetId),
  };
}

export function specOf(
  network: Pick<ContainerNetwork, 'platform' | 'name'>,
  code: number,
  details?: string,
): ErrorSpec {
  return {
    code,
    platform: network.platform,
    params: { platformName: network.name },
    ...(details === undefined ? {} : { details }),
  };
}

/** Saves the run's progress (best effort, except where the caller checks the answer). */
export function save(run: Run, next: ContainerProgress): Promise<boolean> {
  run.progress = next;
  return saveContainerProgress(run.ctx, next);
}

/** Drops a container that can never be published (expired, in error): the next attempt makes a new one. */
export function forgetContainer(run: Run): Promise<boolean> {
  return save(run, { targetId: run.input.targetId });
}

function fallbackUrl(run: Run): string {
  const { username } = run.input.account;
  return run.network.platform === 'instagram'
    ? `https://www.instagram.com/${username}/`
    : `https://www.threads.net/@${username}`;
}

/** The post exists with this id: remember it, then read its permalink (the id is not the shortcode). */
export async function published(run: Run, mediaId: string): Promise<PublishOutcome> {
  if (run.progress.mediaId !== mediaId) await save(run, { ...run.progress, mediaId });
  let postUrl = run.progress.postUrl;
  if (!postUrl) {
    const answer = await run.client.get([mediaId], { fields: 'permalink' });
    postUrl = answer.ok ? stringField(answer.value, 'permalink') : undefined;
    if (postUrl) await save(run, { ...run.progress, postUrl });
    else
      run.ctx.log.warn(
        { mediaId },
        `${run.network.platform}: published, but the permalink could not be read`,
      );
  }
  return { kind: 'published', id: mediaId, postUrl: postUrl ?? fallbackUrl(run) };
}

/**
 * Meta says the container is PUBLISHED but its answer never reached us: find the post
 * among the account's recent posts. Not finding it is reported as 626 (a failure the
 * caller sees) rather than "unknown", which would make the core look it up again forever.
 */
export async function adoptPublished(run: Run): Promise<PublishOutcome> {
  const { network } = run;
  if (network.listable(run.input)) {
    const found = await findRecentPost(
      run.client,
      [run.userId, network.edges.list],
      network.textField,
      run.input,
    );
    if (found.kind === 'found') return published(run, found.post.id);
  }
  const details = `${network.name} reports container ${run.progress.container} as published, but the post could not be found among the account's recent posts.`;
  return { kind: 'failed', error: specOf(network, 626, details) };
}
