import { randomUUID } from 'node:crypto';
import { LIVE_CONNECTORS } from '../registry.ts';
import type {
  Connector,
  ConnectorContext,
  Declaration,
  MetadataInput,
  PublishInput,
  ReconcileOutcome,
  SandboxLedger,
} from '../types.ts';
import { sandboxAnalytics } from './analytics.ts';
import { COMMENT_ONLY_CODES, sandboxComments } from './comments.ts';
import { sampleError, seedOf } from './sample-error.ts';
import { triggerFor } from './triggers.ts';

/**
 * A simulated account of any network (Stripe-style test mode). It makes no
 * external call: a post succeeds with an id and URL shaped like the network's,
 * unless its text holds a `#sandbox-fail-…` trigger, in which case it fails with
 * the body the live connector would produce, built by the same catalog builder.
 * What it "creates" is written to its ledger at that moment (`ctx.sandboxLedger`,
 * durable), so reconciling after a crash or a lost answer tells the truth.
 */
export function sandboxConnector(declaration: Declaration): Connector {
  const live = LIVE_CONNECTORS[declaration.id];
  return {
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
      const ledger = ledgerOf(ctx);
      const delayMs = sandboxDelay(input.text);
      if (delayMs > 0) await sleep(delayMs, ctx.signal);
      // Herald gave up on this attempt while the request was "in flight": it never arrived.
      if (ctx.signal?.aborted)
        return { kind: 'unknown', reason: 'sandbox: attempt aborted before the answer' };
      // 288 belongs to comments on a post still processing: a publish never fails with it.
      const found = triggerFor(input.text, declaration.id);
      const trigger = found && !COMMENT_ONLY_CODES.has(found.entry.code) ? found : undefined;
      if (trigger && (!trigger.once || (await ledger.refuseOnce(input.targetId))))
        return { kind: 'failed', error: sampleError(declaration, trigger.entry, trigger.variant, input) };
      const post = declaration.sandboxPost(seedOf(input.targetId, input.account.username, input.options));
      await ledger.create(input.targetId, post);
      // `#sandbox-timeout`: the network created the post but its answer was lost.
      if (/#sandbox-timeout\b/.test(input.text))
        return { kind: 'unknown', reason: 'sandbox: answer lost (#sandbox-timeout)' };
      return { kind: 'published', ...post, extra: { sandbox: true } };
    },
    // Only networks that can look a post up by Herald's key can reconcile, in the sandbox too:
    // the post if the simulated network created it, else certainly nothing (sent once more).
    ...(declaration.capabilities.reconcile
      ? {
          async reconcile(input: PublishInput, ctx: ConnectorContext): Promise<ReconcileOutcome> {
            const found = await ledgerOf(ctx).find(input.targetId);
            return found
              ? { kind: 'published', id: found.id, postUrl: found.postUrl, extra: { sandbox: true } }
              : { kind: 'not-found' };
          },
        }
      : {}),
    async delete() {
      return { kind: 'deleted' };
    },
    // Analytics only where the live network has them; its own builders shape the invented numbers.
    ...(live?.analytics ? { analytics: sandboxAnalytics(declaration, live.analytics.samples) } : {}),
    // A simulated video takes any change the live connector would send.
    ...(declaration.capabilities.updateMetadata
      ? {
          updateMetadata: async (input: MetadataInput) => ({
            kind: 'updated' as const,
            metadata: { ...input.options, ...input.changes },
          }),
        }
      : {}),
    // Where the live connector can find a comment by Herald's key, the sandbox reconciles too.
    ...(declaration.comments
      ? {
          comments: sandboxComments(declaration, live?.comments?.reconcile !== undefined),
        }
      : {}),
  };
}

function ledgerOf(ctx: ConnectorContext): SandboxLedger {
  // The core always hands it over; without it the sandbox could not reconcile truthfully.
  if (!ctx.sandboxLedger) throw new Error('sandbox: no ledger in the connector context');
  return ctx.sandboxLedger;
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

export { sampleError };
