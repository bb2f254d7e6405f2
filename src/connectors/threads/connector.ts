import { verifyGraphAccount } from '../shared/graph-account.ts';
import { stringField } from '../shared/graph-client.ts';
import { type ContainerTiming, DEFAULT_TIMING, publishWithContainers } from '../shared/graph-publish.ts';
import { reconcileContainerPost } from '../shared/graph-reconcile.ts';
import type { Connector } from '../types.ts';
import { threadsAnalytics } from './analytics.ts';
import { publishChain, reconcileChain } from './chain.ts';
import { threadsComments } from './comments.ts';
import { threadsDeclaration } from './declaration.ts';
import { PLATFORM_NAME, THREADS_ERRORS } from './errors.ts';
import { CREDENTIALS, THREADS_NETWORK } from './network.ts';

/**
 * The Threads connector; `timing` is a parameter so tests can shorten the container
 * polling. `thread: true` publishes a chain (chain.ts). No delete (619).
 */
export function createThreadsConnector(timing: ContainerTiming = DEFAULT_TIMING): Connector {
  return {
    declaration: threadsDeclaration,
    errorTable: THREADS_ERRORS,
    analytics: threadsAnalytics,
    verifyCredentials: (credentials, ctx) =>
      verifyGraphAccount(credentials, ctx, {
        platform: 'threads',
        platformName: PLATFORM_NAME,
        names: CREDENTIALS,
        fields: 'id,username,name',
        table: THREADS_ERRORS,
        rejects: (spec) => spec.code === 623,
        profile: (body, account) => {
          const username = stringField(body, 'username') ?? account.id;
          return {
            username,
            displayName: stringField(body, 'name') ?? username,
            profileUrl: `https://www.threads.net/@${username}`,
          };
        },
      }),
    async publish(input, ctx) {
      const [problem] = threadsDeclaration.validate?.(input) ?? [];
      if (problem) return { kind: 'failed', error: problem };
      if (input.options.thread === true) return publishChain(input, ctx, timing);
      return publishWithContainers(THREADS_NETWORK, input, ctx, timing);
    },
    reconcile: (input, ctx) =>
      input.options.thread === true
        ? reconcileChain(input, ctx)
        : reconcileContainerPost(THREADS_NETWORK, input, ctx),
    comments: threadsComments,
  };
}

export const threadsConnector: Connector = createThreadsConnector();
