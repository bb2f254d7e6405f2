import type { ErrorSpec } from '../../errors/build.ts';
import type {
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
  LinkedAccount,
} from '../types.ts';
import { readPages } from './comment-pages.ts';
import { type CredentialNames, clientFor, readGraphAccount } from './graph-account.ts';
import type { GraphClient, GraphError, GraphFailure, Params } from './graph-client.ts';
import { isObject } from './graph-client.ts';
import type { MetaClassified, MetaPlatform } from './graph-errors.ts';
import { unreachableSpec } from './graph-errors.ts';

/**
 * Comments through Meta's Graph API, for Facebook Pages and Instagram: a create is
 * `POST /{object-id}/<edge>` with `message` (→ `{id}`), a read `GET /{object-id}/<edge>`
 * with the fields asked for (→ `{data: [...]}`), a delete `DELETE /{comment-id}`
 * (→ `{success: true}`). The edges and fields are each network's; errors go through its
 * own publishing table (the same codes and subcodes answer comment calls).
 */
export interface GraphCommentsDialect {
  platform: Extract<MetaPlatform, 'facebook' | 'instagram'>;
  name: string;
  credentials: CredentialNames;
  /** Edge for a comment on a post, and for a reply to a comment. */
  edges: { comment: string; reply: string };
  /** `fields` of a read. */
  fields: string;
  /** Extra parameters of a write (Facebook's `attachment_url` for one image). */
  writeParams(input: CommentWrite): Params;
  view(raw: Record<string, unknown>, postId: string): CommentView;
  classify(failure: GraphError): MetaClassified;
}

function failedSpec(dialect: GraphCommentsDialect, failure: GraphFailure): ErrorSpec {
  if (failure.kind === 'network') return unreachableSpec(dialect.platform, dialect.name, failure.reason);
  return dialect.classify(failure).spec;
}

function clientOf(
  dialect: GraphCommentsDialect,
  account: LinkedAccount,
  ctx: ConnectorContext,
): GraphClient | ErrorSpec {
  const read = readGraphAccount(account.credentials, dialect.credentials);
  if (typeof read === 'string')
    return { code: 623, platform: dialect.platform, params: { platformName: dialect.name }, details: read };
  return clientFor(read, ctx);
}

export function graphComments(dialect: GraphCommentsDialect): CommentsCapability {
  async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
    const client = clientOf(dialect, input.account, ctx);
    if ('code' in client) return { kind: 'failed', error: client };
    const [object, edge] = input.parentId
      ? [input.parentId, dialect.edges.reply]
      : [input.postId, dialect.edges.comment];
    const answer = await client.post([object, edge], { message: input.text, ...dialect.writeParams(input) });
    if (answer.ok) {
      const id = answer.value.id;
      return typeof id === 'string'
        ? { kind: 'commented', id }
        : { kind: 'unknown', reason: 'Meta answered without an id' };
    }
    const { failure } = answer;
    // The write may have landed when its answer was lost or Meta failed on its side: never re-sent on a guess.
    if (failure.kind === 'network')
      return failure.mayHaveArrived
        ? { kind: 'unknown', reason: failure.reason }
        : { kind: 'failed', error: failedSpec(dialect, failure) };
    if (failure.status >= 500)
      return { kind: 'unknown', reason: `HTTP ${failure.status}: ${failure.error.message}` };
    return { kind: 'failed', error: failedSpec(dialect, failure) };
  }
  return {
    comment: write,
    reply: write,
    async list(input, ctx) {
      const client = clientOf(dialect, input.account, ctx);
      if ('code' in client) return { kind: 'failed', error: client };
      const edge = input.of === 'comment' ? dialect.edges.reply : dialect.edges.comment;
      const pages = await graphPages(client, [input.id, edge], { fields: dialect.fields });
      if (!pages.ok) return { kind: 'failed', error: failedSpec(dialect, pages.failure) };
      if (pages.truncated)
        ctx.log.info(
          { id: input.id, read: pages.items.length },
          `${dialect.platform}: comments read up to the bound`,
        );
      return { kind: 'listed', comments: pages.items.map((raw) => dialect.view(raw, input.id)) };
    },
    async delete(input, ctx) {
      const client = clientOf(dialect, input.account, ctx);
      if ('code' in client) return { kind: 'failed', error: client };
      const answer = await client.delete([input.commentId]);
      return answer.ok ? { kind: 'deleted' } : { kind: 'failed', error: failedSpec(dialect, answer.failure) };
    },
  };
}

/** Meta prints times as 2026-07-08T10:00:00+0000: ISO 8601 with a colon-less offset. */
export function metaDate(value: unknown): string {
  if (typeof value !== 'string') return '';
  const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString();
}

/**
 * Every page of a Graph edge, up to the read bound: `limit` per page, the `after` cursor
 * while Meta sends `paging.next` (its sign that more pages exist; the cursors alone come
 * on the last page too).
 */
export function graphPages(client: GraphClient, segments: readonly string[], query: Params) {
  return readPages<Record<string, unknown>, GraphFailure>(async (cursor) => {
    const answer = await client.get(segments, { ...query, limit: 100, ...(cursor ? { after: cursor } : {}) });
    if (!answer.ok) return answer;
    const items = Array.isArray(answer.value.data) ? answer.value.data.filter(isObject) : [];
    const paging = isObject(answer.value.paging) ? answer.value.paging : {};
    const cursors = isObject(paging.cursors) ? paging.cursors : {};
    const next =
      typeof paging.next === 'string' && typeof cursors.after === 'string' ? cursors.after : undefined;
    return { ok: true, items, next };
  });
}
