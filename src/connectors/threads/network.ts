import { THREADS_CONTAINERS } from '../shared/graph-container.ts';
import { BACKOFF_MS, type Failed, headerWaitSeconds } from '../shared/graph-errors.ts';
import type { ContainerNetwork } from '../shared/graph-run.ts';
import { classifyAnswer, classifyContainer, PLATFORM_NAME, STALE_CONTAINER_SUBCODES } from './errors.ts';
import { carouselParams, childParams, singleParams } from './params.ts';

export const CREDENTIALS = { id: 'threadsUserId', token: 'accessToken' } as const;

/** Without a header saying when, a throttled account waits an hour. */
const DEFAULT_RETRY_AFTER_S = 3600;

/** Threads on Meta's container flow: POST /{user}/threads → status → threads_publish. */
export const THREADS_NETWORK: ContainerNetwork = {
  platform: 'threads',
  name: PLATFORM_NAME,
  credentials: CREDENTIALS,
  edges: { create: 'threads', publish: 'threads_publish', list: 'threads' },
  textField: 'text',
  dialect: THREADS_CONTAINERS,
  processingTimeoutCode: 379,
  staleSubcodes: STALE_CONTAINER_SUBCODES,
  classifyAnswer,
  classifyContainer,
  async refuse(_run, { row, spec }, headers): Promise<Failed> {
    if (row.retry === 'after-reset') {
      const retryAfter = headerWaitSeconds(headers) ?? DEFAULT_RETRY_AFTER_S;
      return { kind: 'failed', error: { ...spec, params: { ...spec.params, retryAfter } } };
    }
    return row.retry === 'backoff'
      ? { kind: 'failed', error: spec, retryAfterMs: BACKOFF_MS }
      : { kind: 'failed', error: spec };
  },
  singleParams,
  childParams,
  carouselParams,
  listable: () => true,
};

/**
 * A part of a chain after the first: its container names the part before it
 * (`reply_to_id`, a published Threads media id), and a reply is listed under the
 * user's `replies`, not `threads`, when a lost answer has to be looked up.
 */
export function replyNetwork(replyTo: string): ContainerNetwork {
  return {
    ...THREADS_NETWORK,
    edges: { ...THREADS_NETWORK.edges, list: 'replies' },
    singleParams(input) {
      const params = singleParams(input);
      return params && { ...params, reply_to_id: replyTo };
    },
    carouselParams: (input, children) => ({ ...carouselParams(input, children), reply_to_id: replyTo }),
  };
}
