import type { FastifySchema } from 'fastify';

/**
 * The body of a route that reads its request raw (a signature over the bytes, a streamed
 * upload): documented in /openapi.json as its requestBody, never handed to the validator
 * (which would see a Buffer or a stream, not the JSON it describes). Fastify ignores this
 * key; the spec's transform (openApiTransform) moves it to `body`.
 */
export const RAW_BODY = 'x-herald-raw-body';

export function openApiTransform({ schema, url }: { schema: FastifySchema; url: string }): {
  schema: FastifySchema;
  url: string;
} {
  const given = schema as Record<string, unknown> | undefined;
  if (!given || given[RAW_BODY] === undefined) return { schema, url };
  const { [RAW_BODY]: body, ...rest } = given;
  return { schema: { ...rest, body }, url };
}
