import { randomUUID } from 'node:crypto';
import type { AnalyticsSamples } from '../analytics-types.ts';
import type { Connector, Declaration, PublishInput, PublishOutcome } from '../types.ts';
import { sandboxAnalytics } from './analytics.ts';
import { sampleError, seedOf } from './sample-error.ts';
import { triggerFor } from './triggers.ts';

/**
 * A simulated account of any network (Stripe-style test mode). It makes no
 * external call: a post succeeds with an id and URL shaped like the network's,
 * unless its text holds a `#sandbox-fail-…` trigger, in which case it fails with
 * the body the live connector would produce, built by the same catalog builder.
 */
export function sandboxConnector(declaration: Declaration, samples?: AnalyticsSamples): Connector {
  return {
    // Analytics only where the live network has them (its builders shape the samples).
    ...(samples ? { analytics: sandboxAnalytics(declaration, samples) } : {}),
    declaration,
    // The sandbox speaks no wire format: its failures come from triggers, not from a network.
    errorTable: [],
    async verifyCredentials() {
      const username = `sandbox_${declaration.id}`;
      return {
        externalId: `sandbox-${declaration.id}-${randomUUID().slice(0, 8)}`,
        username,
        displayName: `${declaration.name} sandbox`,
        profileUrl: `${new URL(declaration.sandboxPost(seedOf('profile', username, {})).postUrl).origin}/${username}`,
        credentials: { sandbox: true },
      };
    },
    async publish(input, ctx) {
      const delayMs = sandboxDelay(input.text);
      if (delayMs > 0) await sleep(delayMs, ctx.signal);
      // `#sandbox-timeout`: the network took the post but its answer was lost.
      if (/#sandbox-timeout\b/.test(input.text))
        return { kind: 'unknown', reason: 'sandbox: answer lost (#sandbox-timeout)' };
      return sandboxOutcome(declaration, input);
    },
    // Only networks that can look a post up by Herald's key can reconcile, in the sandbox too.
    ...(declaration.capabilities.reconcile
      ? { reconcile: async (input: PublishInput) => sandboxOutcome(declaration, input) }
      : {}),
    async delete() {
      return { kind: 'deleted' };
    },
  };
}

const MAX_DELAY_MS = 60_000;

/** `#sandbox-delay-<ms>` makes the simulated network answer that much later (at most a minute). */
function sandboxDelay(text: string): number {
  const match = /#sandbox-delay-(\d{1,6})\b/.exec(text);
  return match ? Math.min(Number(match[1]), MAX_DELAY_MS) : 0;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function sandboxOutcome(declaration: Declaration, input: PublishInput): PublishOutcome {
  const trigger = triggerFor(input.text, declaration.id);
  if (trigger)
    return { kind: 'failed', error: sampleError(declaration, trigger.entry, trigger.variant, input) };
  const { id, postUrl } = declaration.sandboxPost(
    seedOf(input.targetId, input.account.username, input.options),
  );
  return { kind: 'published', id, postUrl, extra: { sandbox: true } };
}

export { sampleError };
