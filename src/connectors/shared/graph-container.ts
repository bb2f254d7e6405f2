import type { GraphClient, GraphFailed, GraphObject } from './graph-client.ts';
import { stringField } from './graph-client.ts';

/**
 * Meta's media containers (Instagram, Threads): created, processed by Meta, then
 * published once. Their status says whether a publish happened, which makes them the
 * only reliable answer after a lost publish call.
 */

export type ContainerState = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'EXPIRED' | 'ERROR';

export interface ContainerStatus {
  state: ContainerState;
  /** For ERROR: Meta's subcode, when the status carries one (Instagram: "Error: 2207026"). */
  subcode?: number;
  /** For ERROR: Meta's words (the status string, or Threads' `error_message`). */
  text?: string;
}

/** How one network spells a container's status. */
export interface ContainerDialect {
  fields: string;
  parse(body: GraphObject): ContainerStatus | undefined;
}

const STATES = new Set<string>(['IN_PROGRESS', 'FINISHED', 'PUBLISHED', 'EXPIRED', 'ERROR']);

function stateOf(value: string | undefined): ContainerState | undefined {
  return value !== undefined && STATES.has(value) ? (value as ContainerState) : undefined;
}

/**
 * Instagram: `status_code` is the state; on ERROR, `status` is a structured string that
 * holds the subcode ("Error: 2207026"). Reading the number out of it is the only way to
 * get the subcode of an asynchronous failure.
 */
export const INSTAGRAM_CONTAINERS: ContainerDialect = {
  fields: 'status_code,status',
  parse(body) {
    const state = stateOf(stringField(body, 'status_code'));
    if (!state) return undefined;
    if (state !== 'ERROR') return { state };
    const text = stringField(body, 'status');
    const subcode = text ? /\b(\d{6,8})\b/.exec(text)?.[1] : undefined;
    return { state, ...(text ? { text } : {}), ...(subcode ? { subcode: Number(subcode) } : {}) };
  },
};

/** Threads: `status` is the state; on ERROR, `error_message` is an enum (FAILED_DOWNLOADING_VIDEO, ...). */
export const THREADS_CONTAINERS: ContainerDialect = {
  fields: 'status,error_message',
  parse(body) {
    const state = stateOf(stringField(body, 'status'));
    if (!state) return undefined;
    const text = state === 'ERROR' ? stringField(body, 'error_message') : undefined;
    return { state, ...(text ? { text } : {}) };
  },
};

export type StatusResult = { ok: true; status: ContainerStatus } | GraphFailed;

export async function containerStatus(
  client: GraphClient,
  id: string,
  dialect: ContainerDialect,
): Promise<StatusResult> {
  const answer = await client.get([id], { fields: dialect.fields });
  if (!answer.ok) return answer;
  const status = dialect.parse(answer.value);
  if (status) return { ok: true, status };
  return {
    ok: false,
    failure: { kind: 'network', mayHaveArrived: true, reason: `container ${id}: unreadable status` },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Asks for the status until it leaves IN_PROGRESS or the delays run out (then the last
 * status, still IN_PROGRESS, is returned: the caller decides it timed out).
 */
export async function waitForContainer(
  client: GraphClient,
  id: string,
  dialect: ContainerDialect,
  delaysMs: readonly number[],
  signal?: AbortSignal,
): Promise<StatusResult> {
  let result = await containerStatus(client, id, dialect);
  for (const delay of delaysMs) {
    if (!result.ok || result.status.state !== 'IN_PROGRESS' || signal?.aborted) return result;
    await sleep(delay, signal);
    result = await containerStatus(client, id, dialect);
  }
  return result;
}
