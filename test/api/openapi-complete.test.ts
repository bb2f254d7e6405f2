import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/http/server.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

interface Media {
  schema?: Record<string, unknown>;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Response {
  description?: string;
  content?: Record<string, Media>;
  headers?: Record<string, { schema?: { example?: unknown; examples?: unknown[] } }>;
}
interface Operation {
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, Response>;
}
type Spec = { paths: Record<string, Record<string, Operation>> };

/** POST routes that take no body: the URL says everything. */
const NO_BODY = new Set([
  'POST /api/hook/deliveries/:id/resend', // the delivery is in the path
  'POST /connect/:sessionId/unlink/:platform', // the network is in the path
  'POST /api/media/tus', // tus creation: Upload-Length and Upload-Metadata headers, no body
]);

/** Routes that only refuse: GET /mcp answers 405 (the MCP server is stateless, it keeps no stream). */
const ONLY_REFUSES = new Set(['GET /mcp']);

/** The spec itself is the one route it does not list. */
const NOT_DOCUMENTED = new Set(['GET /openapi.json']);

let t: TestHerald;
let spec: Spec;
beforeAll(async () => {
  t = await startTestHerald();
  spec = (await t.herald.server!.inject({ method: 'GET', url: '/openapi.json' })).json() as Spec;
});
afterAll(() => t.stop());

const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');
const isPublic = (operation: Operation & { security?: unknown[] }) =>
  Array.isArray(operation.security) && operation.security.length === 0;

function examplesIn(response: Response): unknown[] {
  const found: unknown[] = [];
  for (const media of Object.values(response.content ?? {})) {
    if (media.example !== undefined) found.push(media.example);
    for (const named of Object.values(media.examples ?? {})) found.push(named.value);
  }
  for (const header of Object.values(response.headers ?? {})) {
    if (header.schema?.example !== undefined) found.push(header.schema.example);
    found.push(...(header.schema?.examples ?? []));
  }
  return found;
}

function isBinary(response: Response): boolean {
  return Object.values(response.content ?? {}).some((m) => m.schema?.format === 'binary');
}

describe('/openapi.json is complete', () => {
  // Fastify answers HEAD for every GET by itself; a HEAD route of its own (tus) is listed.
  const routes = () => {
    const all = registeredRoutes(t.herald.server!);
    const gets = new Set(all.filter((r) => r.method === 'GET').map((r) => r.url));
    // A route hidden on purpose (the dashboard's page and assets: a browser's, not an API) is not listed.
    return all.filter(
      (r) =>
        !(r.method === 'HEAD' && gets.has(r.url)) &&
        !NOT_DOCUMENTED.has(`${r.method} ${r.url}`) &&
        r.schema?.hide !== true,
    );
  };

  it('lists every registered route, and nothing else', () => {
    const listed = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const registered = routes().map((r) => `${r.method} ${openapiPath(r.url)}`);
    expect(routes().length).toBeGreaterThan(60);
    expect(listed.sort()).toEqual([...new Set(registered)].sort());
  });

  it('gives every route its request schemas: path parameters, query, body', () => {
    for (const route of routes()) {
      const name = `${route.method} ${route.url}`;
      const operation = spec.paths[openapiPath(route.url)]?.[route.method.toLowerCase()] as Operation;
      expect(operation.summary, name).toBeTruthy();
      for (const param of route.url.match(/:(\w+)/g) ?? []) {
        expect(
          operation.parameters?.some((p) => p.in === 'path' && p.name === param.slice(1)),
          `${name}: path parameter ${param}`,
        ).toBe(true);
      }
      if (['POST', 'PUT', 'PATCH'].includes(route.method) && !NO_BODY.has(name)) {
        const media = Object.values(operation.requestBody?.content ?? {})[0];
        expect(media?.schema, `${name}: request body schema`).toBeDefined();
      }
      // A query parameter the spec does not list is refused (closed-schemas.ts): the list is the contract.
      if (route.schema?.querystring !== undefined) {
        expect(
          operation.parameters?.some((p) => p.in === 'query') ||
            (route.schema.querystring as { additionalProperties?: unknown }).additionalProperties === true,
          `${name}: query parameters`,
        ).toBe(true);
      }
    }
  });

  it('gives every route its answers: a success with an example, and its errors', () => {
    for (const route of routes()) {
      const name = `${route.method} ${route.url}`;
      const operation = spec.paths[openapiPath(route.url)]?.[route.method.toLowerCase()] as Operation & {
        security?: unknown[];
      };
      const responses = Object.entries(operation.responses ?? {});
      const successes = responses.filter(([code]) => /^[23]/.test(code));
      if (!ONLY_REFUSES.has(name)) expect(successes.length, `${name}: a success answer`).toBeGreaterThan(0);
      for (const [code, response] of successes) {
        if (code.startsWith('3'))
          expect(response.headers?.location, `${name} ${code}: Location`).toBeDefined();
        // A success without a body (tus: 201, 204, HEAD) says what it answers in its headers.
        else expect(response.content ?? response.headers, `${name} ${code}: a body schema`).toBeDefined();
        if (!isBinary(response))
          expect(examplesIn(response).length, `${name} ${code}: an example`).toBeGreaterThan(0);
      }
      // Every route but the liveness probe can fail; an authenticated one at least with 601/602.
      if (name !== 'GET /healthz' && name !== 'GET /robots.txt')
        expect(
          responses.some(([code]) => /^[45]/.test(code)),
          `${name}: its error answers`,
        ).toBe(true);
      if (!isPublic(operation)) expect(operation.responses?.['4XX'], `${name}: 4XX`).toBeDefined();
      for (const [code, response] of responses) {
        for (const media of Object.values(response.content ?? {}))
          expect(media.schema, `${name} ${code}: schema`).toBeDefined();
      }
    }
  });

  it('checks every JSON example against the schema it illustrates', () => {
    let checked = 0;
    for (const route of routes()) {
      const responses = (route.schema?.response ?? {}) as Record<string, TSchema & { examples?: unknown[] }>;
      for (const [code, schema] of Object.entries(responses)) {
        if ('content' in schema || (schema as { type?: unknown }).type === 'null') continue;
        for (const example of schema.examples ?? []) {
          const errors = [...Value.Errors(schema, example)].map((e) => `${e.instancePath} ${e.message}`);
          expect(errors, `${route.method} ${route.url} ${code}: ${JSON.stringify(example)}`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
