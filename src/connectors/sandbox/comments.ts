import { createHash } from 'node:crypto';
import type { ErrorSpec } from '../../errors/build.ts';
import type {
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  Declaration,
} from '../types.ts';
import { sandboxCommentId } from './comment-ids.ts';
import { sampleError } from './connector.ts';
import { triggerFor } from './triggers.ts';

/**
 * Comments on a sandbox account: realistic ids (each network's shape, derived from Herald's
 * key, so a repeat finds the same), a deterministic audience on every post, and the
 * `#sandbox-fail-<code>` triggers of the post's text (or the comment's) on every call,
 * for the codes a comment call can meet, with the live connectors' bodies.
 */

/** Codes a comment call can meet at a network (authorization, limits, outages, policy; 288 on TikTok). */
const COMMENT_CODES: ReadonlySet<number> = new Set([
  161, 258, 272, 288, 326, 416, 417, 419, 423, 435, 621, 622, 623, 624, 625, 627,
]);

/** Codes only a comment call meets (TikTok's post still processing): publishing ignores their triggers. */
export const COMMENT_ONLY_CODES: ReadonlySet<number> = new Set([288]);

const AUDIENCE = [
  ['maya.codes', 'Love this, thanks for sharing!'],
  ['jonas_builds', 'Great point about the rollout.'],
  ['priya.k', 'Where can I read more about this?'],
  ['lucas.moreau', 'Saved for later 🙌'],
  ['amara_o', 'This is exactly what we needed.'],
  ['kenji.t', 'Congrats to the whole team!'],
  ['sofia.rossi', 'Any plans to support this on mobile?'],
] as const;

function digest(value: string): { hex: string; numeric: string } {
  const hex = createHash('sha256').update(value).digest('hex');
  const numeric = (BigInt(`0x${hex.slice(0, 16)}`) % 9_000_000_000_000_000_000n) + 1_000_000_000_000_000_000n;
  return { hex, numeric: numeric.toString() };
}

function triggered(declaration: Declaration, texts: readonly (string | undefined)[]): ErrorSpec | undefined {
  for (const text of texts) {
    if (!text) continue;
    const trigger = triggerFor(text, declaration.id);
    if (trigger && COMMENT_CODES.has(trigger.entry.code))
      return sampleError(declaration, trigger.entry, trigger.variant, { options: {} });
  }
  return undefined;
}

/** The audience of a post: two to five comments, the same every time for the same post. */
function audience(declaration: Declaration, postId: string, did: string): CommentView[] {
  const { hex } = digest(`audience:${postId}`);
  const count = 2 + (Number.parseInt(hex.slice(0, 2), 16) % 4);
  const base = Date.UTC(2026, 0, 1) + (Number.parseInt(hex.slice(2, 8), 16) % 525_600) * 60_000;
  return Array.from({ length: count }, (_, i) => {
    const [username, comment] = AUDIENCE[
      (Number.parseInt(hex.slice(8 + i * 2, 10 + i * 2), 16) + i) % AUDIENCE.length
    ] as readonly [string, string];
    const seed = digest(`comment:${postId}:${i}`);
    const { id, extra } = sandboxCommentId(declaration.id, seed, postId, did);
    return {
      commentId: id,
      comment,
      created: new Date(base + i * 7 * 60_000).toISOString(),
      from: { id: seed.numeric.slice(0, 17), username },
      hidden: false,
      likeCount: Number.parseInt(seed.hex.slice(0, 2), 16) % 40,
      postId,
      username,
      ...(extra ? { extra } : {}),
    };
  });
}

/** What the network refuses before any call, as live: X without both BYO key headers (419), a legacy link (423). */
function noAccess(
  declaration: Declaration,
  input: {
    account: { credentials: Readonly<Record<string, unknown>> };
    requestSecrets?: Readonly<Record<string, string>> | undefined;
  },
): ErrorSpec | undefined {
  return declaration.validateAccess?.(input.account.credentials, input.requestSecrets ?? {})[0];
}

export function sandboxComments(declaration: Declaration, reconciles: boolean): CommentsCapability {
  async function write(input: CommentWrite): Promise<CommentWriteOutcome> {
    const refused = noAccess(declaration, input) ?? triggered(declaration, [input.postText, input.text]);
    if (refused) return { kind: 'failed', error: refused };
    if (/#sandbox-timeout\b/.test(input.text))
      return { kind: 'unknown', reason: 'sandbox: answer lost (#sandbox-timeout)' };
    return written(input);
  }
  function written(input: CommentWrite): CommentWriteOutcome {
    const { id, extra } = sandboxCommentId(
      declaration.id,
      digest(input.key),
      input.postId,
      input.account.externalId,
    );
    return { kind: 'commented', id, ...(extra ? { extra } : {}) };
  }
  return {
    comment: write,
    reply: write,
    async list(input) {
      const refused = noAccess(declaration, input) ?? triggered(declaration, [input.postText]);
      if (refused) return { kind: 'failed', error: refused };
      return { kind: 'listed', comments: audience(declaration, input.id, input.account.externalId) };
    },
    async delete(input) {
      const refused = noAccess(declaration, input) ?? triggered(declaration, [input.postText]);
      return refused ? { kind: 'failed', error: refused } : { kind: 'deleted' };
    },
    // As live: only where the network can find a comment by Herald's key.
    ...(reconciles ? { reconcile: async (input: CommentWrite) => written(input) } : {}),
  };
}
