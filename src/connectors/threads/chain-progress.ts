import { isObject } from '../shared/graph-client.ts';
import type { ConnectorContext } from '../types.ts';

/**
 * A chain's progress (`thread: true`), kept in the target's `ctx.progress` as
 * `{targetId, parts: [...]}`: one container progress per part, in order, each as
 * the shared container flow writes it (graph-progress.ts). Each part publishes
 * through a context whose `progress` is its own slot, so the container flow's rules
 * hold per part: a container is reused, a publish that may have been sent is asked
 * about, never sent blindly, and a published part is never published again.
 */

type Part = Readonly<Record<string, unknown>>;

function storedParts(ctx: ConnectorContext, targetId: string): Part[] {
  const raw = ctx.progress.load();
  if (!isObject(raw) || raw.targetId !== targetId || !Array.isArray(raw.parts)) return [];
  return raw.parts.map((part) => (isObject(part) ? part : {}));
}

/** The context one part publishes (or is reconciled) with: the attempt's, with the part's own progress. */
export function partContext(ctx: ConnectorContext, targetId: string, index: number): ConnectorContext {
  return {
    ...ctx,
    progress: {
      load: () => storedParts(ctx, targetId)[index] ?? null,
      async save(next) {
        const parts = storedParts(ctx, targetId);
        // Parts publish in order, so the slots before this one exist; `{}` only keeps the indexes right.
        while (parts.length < index) parts.push({});
        parts[index] = next;
        await ctx.progress.save({ targetId, parts });
      },
    },
  };
}

/** Whether anything of this part reached Meta: a container (saved before its publish call) or a post. */
export function partStarted(ctx: ConnectorContext, targetId: string, index: number): boolean {
  const part = storedParts(ctx, targetId)[index];
  return part !== undefined && (typeof part.container === 'string' || typeof part.mediaId === 'string');
}

/** Threads media ids of the parts already published, in chain order (stops at the first gap). */
export function publishedParts(
  progress: Readonly<Record<string, unknown>> | null | undefined,
  targetId: string,
): string[] {
  const ids: string[] = [];
  const parts = isObject(progress) && progress.targetId === targetId ? progress.parts : undefined;
  for (const part of Array.isArray(parts) ? parts : []) {
    const id = isObject(part) ? part.mediaId : undefined;
    if (typeof id !== 'string' || id === '') break;
    ids.push(id);
  }
  return ids;
}
