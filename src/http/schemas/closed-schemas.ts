import type { RouteOptions } from 'fastify';
import { Type } from 'typebox';

/**
 * Fields every request may carry besides its own: Ayrshare's SDK adds `source: "npm"`
 * to every body and query, and names a profile with `profileKey` (see profile-selection.ts).
 */
export const COMMON_FIELDS = {
  source: Type.Optional(
    Type.String({ maxLength: 64, description: 'Set by Ayrshare’s SDK ("npm"); accepted and ignored.' }),
  ),
  profileKey: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        'Acts as this profile (like the Profile-Key header; both may not name different profiles).',
    }),
  ),
};

type JsonObjectSchema = {
  type?: unknown;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
};

function close(schema: unknown): unknown {
  const object = schema as JsonObjectSchema | undefined;
  if (object?.type !== 'object' || object.additionalProperties !== undefined) return schema;
  return { ...object, properties: { ...COMMON_FIELDS, ...object.properties }, additionalProperties: false };
}

/**
 * The one rule for fields, applied to every authenticated route as it is registered:
 * a body or query object that does not say otherwise is closed, so an unknown field
 * (a typo) is refused with 631 naming it instead of passing silently; `source` and
 * `profileKey` are always accepted. A route that must take anything (a network's own
 * webhook) says `additionalProperties: true`. Routes without a query schema get one.
 */
export function closeRouteSchemas(route: RouteOptions): void {
  route.schema ??= {};
  const schema = route.schema;
  if (schema.body !== undefined) schema.body = close(schema.body);
  schema.querystring = close(schema.querystring ?? Type.Object({}));
}
