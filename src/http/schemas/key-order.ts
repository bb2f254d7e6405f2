import fastJsonStringify from 'fast-json-stringify';
import type { TSchema } from 'typebox';

/** Marks an object whose keys must leave in the order its builder wrote them. */
const KEEP_ORDER = 'x-herald-keep-key-order';

/**
 * An object answered with its keys in the order it was built, while the schema still
 * documents every property (for /openapi.json and the SDK's types). The serializer
 * (fast-json-stringify) writes declared properties first, in the schema's order, then the
 * others: a catalog error body printed in its seed's order (`resolution` before `details`
 * in 272's analytics body, `platform` first in 441's) or a body keyed by network in the
 * order the networks were asked would be reordered. Such objects are serialized as open
 * objects with no declared property instead (each value written as JSON.stringify writes it).
 */
export function KeepKeyOrder<T extends TSchema>(schema: T): T {
  return { ...schema, [KEEP_ORDER]: true, additionalProperties: true } as T;
}

/** The schema the serializer gets: marked objects lose their declared properties, deep. */
export function serializerForm(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(serializerForm);
  if (schema === null || typeof schema !== 'object') return schema;
  const object = schema as Record<string, unknown>;
  if (object[KEEP_ORDER] === true) {
    const { properties: _p, required: _r, [KEEP_ORDER]: _k, ...rest } = object;
    return { ...rest, type: 'object', additionalProperties: true };
  }
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, serializerForm(value)]));
}

/** Fastify's serializer compiler (fast-json-stringify, as its default) on the serializer form. */
export function keepOrderSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  return fastJsonStringify(serializerForm(schema) as Parameters<typeof fastJsonStringify>[0]);
}
