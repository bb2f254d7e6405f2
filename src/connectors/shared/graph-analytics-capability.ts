import type { AnalyticsCapability, AnalyticsFailure, AnalyticsSamples, Metrics } from '../analytics-types.ts';
import type { ErrorRow, LinkedAccount } from '../types.ts';
import { type CredentialNames, clientFor, readGraphAccount } from './graph-account.ts';
import {
  bothOrFailure,
  type GraphAnalyticsErrors,
  graphAnalyticsFailure,
  readInsights,
} from './graph-analytics.ts';
import type { Params } from './graph-client.ts';
import { isObject, stringField } from './graph-client.ts';

/** What an Instagram- or Threads-like account's analytics are made of: two reads per object, one list. */
export interface GraphAnalyticsSpec {
  errors: GraphAnalyticsErrors;
  credentials: CredentialNames;
  /** The code a stored account that no longer parses answers (relink). */
  relinkCode: number;
  post: {
    fields: string;
    metrics: string;
    shape(object: Record<string, unknown>, insights: Record<string, unknown>): Metrics;
  };
  account: {
    fields: string;
    /** The account's insights edge and its parameters (`insights` + metric_type, `threads_insights`). */
    edge: string;
    query: Params;
    shape(object: Record<string, unknown>, insights: Record<string, unknown>): Metrics;
  };
  list: { edge: string; fields: string; max: number; item(object: Record<string, unknown>): Metrics };
  /** Where the post lives on the web, from its fields (`permalink`). */
  urlField: string;
  samples: AnalyticsSamples;
  table: readonly ErrorRow[];
}

/** Graph analytics of an account whose posts are media objects (Instagram, Threads). */
export function graphAnalytics(spec: GraphAnalyticsSpec): AnalyticsCapability {
  const { errors } = spec;

  function accountOf(account: LinkedAccount) {
    const parsed = readGraphAccount(account.credentials, spec.credentials);
    if (typeof parsed !== 'string') return parsed;
    const failure: AnalyticsFailure = {
      kind: 'failed',
      error: {
        code: spec.relinkCode,
        platform: errors.platform,
        params: { platformName: errors.platformName },
      },
    };
    return failure;
  }

  return {
    errorTable: spec.table,
    samples: spec.samples,
    async post(input, ctx) {
      const account = accountOf(input.account);
      if ('kind' in account) return account;
      const client = clientFor(account, ctx);
      const answer = await bothOrFailure(
        client.get([input.id], { fields: spec.post.fields }),
        client.get([input.id, 'insights'], { metric: spec.post.metrics }),
      );
      if (!answer.ok) return graphAnalyticsFailure(answer.failure, errors, { id: input.id });
      const postUrl = stringField(answer.a, spec.urlField);
      return {
        kind: 'metrics',
        id: stringField(answer.a, 'id') ?? input.id,
        ...(postUrl ? { postUrl } : {}),
        analytics: spec.post.shape(answer.a, readInsights(answer.b)),
      };
    },
    async account(input, ctx) {
      const account = accountOf(input.account);
      if ('kind' in account) return account;
      const client = clientFor(account, ctx);
      const answer = await bothOrFailure(
        client.get([account.id], { fields: spec.account.fields }),
        client.get([account.id, spec.account.edge], spec.account.query),
      );
      if (!answer.ok) return graphAnalyticsFailure(answer.failure, errors, { id: account.id });
      return {
        kind: 'metrics',
        id: account.id,
        analytics: spec.account.shape(answer.a, readInsights(answer.b)),
      };
    },
    async history(input, ctx) {
      const account = accountOf(input.account);
      if ('kind' in account) return account;
      const answer = await clientFor(account, ctx).get([account.id, spec.list.edge], {
        fields: spec.list.fields,
        limit: Math.min(input.limit, spec.list.max),
        after: input.cursor,
      });
      if (!answer.ok) return graphAnalyticsFailure(answer.failure, errors, { id: account.id });
      const data = Array.isArray(answer.value.data) ? answer.value.data.filter(isObject) : [];
      const paging = isObject(answer.value.paging) ? answer.value.paging : {};
      const after = isObject(paging.cursors) ? paging.cursors.after : undefined;
      const next = typeof paging.next === 'string' && typeof after === 'string' ? after : undefined;
      return { kind: 'posts', posts: data.map(spec.list.item), ...(next ? { next } : {}) };
    },
  };
}
