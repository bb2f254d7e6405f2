import type { ConnectorContext } from '../types.ts';
import { isObject } from './graph-client.ts';

/**
 * What a container-based publish (Instagram, Threads) already did at Meta, kept in
 * `ctx.progress` across attempts. The invariant: each step is saved BEFORE the next
 * call that depends on it, and `publishSentAt` is saved before the publishing call, so
 * a retry after a crash reuses the container instead of creating a second one and,
 * when the publish may have been sent, asks Meta instead of sending it again.
 */
export interface ContainerProgress {
  /** The target this progress belongs to: anything else found in `ctx.progress` is ignored. */
  targetId: string;
  /** Carousel item containers, in media order. */
  children?: string[];
  /** The container to publish (a single item or the carousel). */
  container?: string;
  /** When the container was created (ms): Meta expires containers after 24 h. */
  createdAt?: number;
  /** Set just before media_publish / threads_publish was called. */
  publishSentAt?: number;
  /** The published post's id, once Meta answered with it. */
  mediaId?: string;
  postUrl?: string;
}

/** Meta expires unpublished containers after 24 h. */
export const CONTAINER_TTL_MS = 24 * 3_600_000;

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** This target's progress; a fresh record when there is none (or it belongs to another target). */
export function loadContainerProgress(ctx: ConnectorContext, targetId: string): ContainerProgress {
  const raw = ctx.progress.load();
  if (!isObject(raw) || raw.targetId !== targetId) return { targetId };
  const progress: ContainerProgress = { targetId };
  const children = strings(raw.children);
  if (children) progress.children = children;
  for (const key of ['container', 'mediaId', 'postUrl'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') progress[key] = value;
  }
  for (const key of ['createdAt', 'publishSentAt'] as const) {
    const value = raw[key];
    if (typeof value === 'number' && Number.isFinite(value)) progress[key] = value;
  }
  return progress;
}

/**
 * Stores the progress; false when it could not be stored. A caller about to make a call
 * that cannot be repeated must not make it when this is false.
 */
export async function saveContainerProgress(
  ctx: ConnectorContext,
  progress: ContainerProgress,
): Promise<boolean> {
  try {
    await ctx.progress.save({ ...progress });
    return true;
  } catch (error) {
    ctx.log.warn({ error: String(error) }, 'meta: could not store publish progress');
    return false;
  }
}
