import type { FastifyRequest } from 'fastify';
import { Value } from 'typebox/value';
import type { Server } from './types.ts';

/** What the check reports: the route, the problem, and the body before and after serialization. */
export interface SerializationLoss {
  method: string;
  route: string;
  status: number;
  problem: string;
  handlerBody: string;
  sentBody: string;
}

const BEFORE = Symbol('herald.bodyBeforeSerialization');
type Marked = { [BEFORE]?: string };

/** The response schema Fastify picks for a status: the exact code, else its class (4xx), else default. */
export function responseSchemaFor(request: FastifyRequest, status: number): unknown {
  const responses = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)
    ?.response;
  if (!responses) return undefined;
  return responses[String(status)] ?? responses[`${String(status)[0]}xx`] ?? responses.default;
}

function schemaProblem(schema: unknown, payload: unknown): string | undefined {
  if (schema === undefined || (schema as { content?: unknown }).content !== undefined) return undefined;
  const errors = [...Value.Errors(schema as Parameters<typeof Value.Errors>[0], payload)].slice(0, 3);
  if (errors.length === 0) return undefined;
  return `does not match its documented schema: ${errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`;
}

function isErrorBody(value: Record<string, unknown>): boolean {
  return typeof value.code === 'number' && typeof value.message === 'string';
}

/**
 * Where `sent` differs from `handler` (both parsed JSON): a missing, added or changed value,
 * or a catalog error body (numeric `code`, string `message`) whose keys changed order. Other
 * objects may be reordered: their schemas declare the seeds' order, and an answer replayed
 * from PostgreSQL (jsonb keeps no key order) is put back in it.
 */
export function firstDifference(handler: unknown, sent: unknown, path = ''): string | undefined {
  if (Array.isArray(handler) || Array.isArray(sent)) {
    if (!Array.isArray(handler) || !Array.isArray(sent) || handler.length !== sent.length)
      return `${path || '/'} changed`;
    for (const [i, item] of handler.entries()) {
      const found = firstDifference(item, sent[i], `${path}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (handler === null || sent === null || typeof handler !== 'object' || typeof sent !== 'object')
    return handler === sent
      ? undefined
      : `${path || '/'} changed from ${JSON.stringify(handler)} to ${JSON.stringify(sent)}`;
  const before = handler as Record<string, unknown>;
  const after = sent as Record<string, unknown>;
  for (const key of Object.keys(before)) if (!(key in after)) return `${path}/${key} was dropped`;
  for (const key of Object.keys(after)) if (!(key in before)) return `${path}/${key} was added`;
  if (isErrorBody(before) && Object.keys(before).join() !== Object.keys(after).join())
    return `${path || '/'} (an error body) changed its key order`;
  for (const key of Object.keys(before)) {
    const found = firstDifference(before[key], after[key], `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * Fastify writes a JSON answer through the route's response schema (fast-json-stringify):
 * a property the schema does not declare on a closed object is dropped, a value of another
 * type is coerced (null becomes "" under `type: string`), and declared properties come out
 * in the schema's order. A drop or a coercion silently changes what a handler answered, a
 * reordered error body is no longer its seed's, and a schema the answer does not match
 * documents the API wrongly (/openapi.json, the SDK's types). Tests turn this check on: it
 * reports an answer that differs from the handler's object (firstDifference) or fails its
 * documented schema.
 */
export function checkSerialization(server: Server, report: (loss: SerializationLoss) => void): void {
  server.addHook('preSerialization', async (request, reply, payload) => {
    // Only what the schema serializer will write: objects and arrays (not strings, buffers, streams).
    if (payload === null || typeof payload !== 'object' || Buffer.isBuffer(payload)) return payload;
    const before = JSON.stringify(payload);
    (request as unknown as Marked)[BEFORE] = before;
    const problem = schemaProblem(responseSchemaFor(request, reply.statusCode), JSON.parse(before));
    if (problem)
      report({
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        status: reply.statusCode,
        problem,
        handlerBody: before,
        sentBody: '',
      });
    return payload;
  });
  server.addHook('onSend', async (request, reply, payload) => {
    const before = (request as unknown as Marked)[BEFORE];
    if (before === undefined || typeof payload !== 'string' || payload === before) return payload;
    const difference = firstDifference(JSON.parse(before), JSON.parse(payload));
    if (difference) {
      report({
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        status: reply.statusCode,
        problem: `the serializer changed it: ${difference}`,
        handlerBody: before,
        sentBody: payload,
      });
    }
    return payload;
  });
}
