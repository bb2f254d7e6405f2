import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from 'typebox';
import type { ErrorSpec } from '../errors/build.ts';
import { describeValidation, unknownField } from '../http/boundary.ts';
import { AJV_CUSTOM_OPTIONS } from '../http/schemas/ajv-options.ts';

export type JsonSchema = { type: 'object'; properties?: Record<string, JsonSchemaProperty> } & Record<
  string,
  unknown
>;
type JsonSchemaProperty = Record<string, unknown>;

/**
 * A route's TypeBox schema as the plain JSON Schema a tool lists (TypeBox's own markers
 * dropped), closed as every REST body is (an unknown field is refused, 631). Unlike REST,
 * `source` and `profileKey` are not accepted: an MCP connection acts as the one profile it
 * was opened with.
 */
export function toolSchema(schema: TSchema): JsonSchema {
  const json = JSON.parse(JSON.stringify(schema)) as JsonSchema;
  if (json.type !== 'object') throw new Error('a tool takes an object of arguments');
  return { ...json, additionalProperties: false };
}

const DIGITS = /^\^\\d\{1,(\d)\}\$$/;

/**
 * A query schema's digit strings (`pattern: "^\d{1,4}$"`, since a query carries only
 * strings) become integers for a tool (what an agent sends for a limit); `toQuery` turns
 * them back into the strings the route's own schema then checks.
 */
export function integerArguments(schema: JsonSchema): {
  schema: JsonSchema;
  toQuery: (args: Record<string, unknown>) => Record<string, unknown>;
} {
  const numeric = new Set<string>();
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const digits = typeof property.pattern === 'string' ? DIGITS.exec(property.pattern) : null;
      if (property.type !== 'string' || !digits?.[1]) return [name, property];
      numeric.add(name);
      const { pattern: _pattern, type: _type, ...rest } = property;
      return [name, { ...rest, type: 'integer', minimum: 0, maximum: 10 ** Number(digits[1]) - 1 }];
    }),
  );
  return {
    schema: { ...schema, properties },
    toQuery: (args) =>
      Object.fromEntries(
        Object.entries(args).map(([name, value]) => [
          name,
          numeric.has(name) && typeof value === 'number' ? String(value) : value,
        ]),
      ),
  };
}

// Fastify's ajv defaults (@fastify/ajv-compiler: useDefaults, addUsedSchema false) with
// Herald's own options (no coercion, nothing removed, first error only).
const ajv = new Ajv({ useDefaults: true, addUsedSchema: false, ...AJV_CUSTOM_OPTIONS });
addFormats.default(ajv);

/**
 * Checks a tool's arguments as the route checks its body: the first problem becomes the
 * same catalog error (631 naming an unknown field, 604 saying what is wrong).
 */
export function argumentChecker(schema: JsonSchema): (args: unknown) => ErrorSpec | undefined {
  const validate = ajv.compile(schema);
  return (args): ErrorSpec | undefined => {
    if (validate(args)) return undefined;
    const issues = validate.errors ?? [];
    const unknown = unknownField(issues, undefined);
    if (unknown) return { code: 631, params: { field: unknown } };
    return { code: 604, params: { problem: describeValidation(issues, undefined) } };
  };
}
