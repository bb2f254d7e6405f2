import { DECLARATIONS } from '../connectors/declarations.ts';
import { notOfferedFields } from '../connectors/shared/options.ts';
import { PLATFORMS } from '../platforms.ts';
import type { NetworkOptions, OptionField } from './ui/network-options.ts';

/**
 * The composer's simple option fields, derived at build time from each network's
 * declared options schema (TypeBox, i.e. JSON Schema): its top-level booleans, strings,
 * integers and choices of literals. Anything else (arrays, objects, fields Herald does
 * not offer) is left to the JSON box. The declarations stay the one place for options.
 */

interface Schema {
  type?: string;
  const?: unknown;
  anyOf?: Schema[];
  description?: string;
  properties?: Record<string, Schema>;
}

export function simpleField(name: string, schema: Schema): OptionField | undefined {
  const description = schema.description ? { description: schema.description } : {};
  if (schema.type === 'boolean' || schema.type === 'string' || schema.type === 'integer')
    return { name, kind: schema.type, ...description };
  const choices = schema.anyOf?.map((s) => s.const);
  if (choices?.length && choices.every((c): c is string => typeof c === 'string'))
    return { name, kind: 'choice', choices, ...description };
  return undefined;
}

export function optionFields(schema: Schema): OptionField[] {
  const notOffered = new Set(notOfferedFields(schema));
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !notOffered.has(name))
    .map(([name, property]) => simpleField(name, property))
    .filter((field): field is OptionField => field !== undefined);
}

/** Every network's simple fields, by network id: what the dashboard's bundle carries. */
export function networkOptions(): Record<string, NetworkOptions> {
  return Object.fromEntries(
    PLATFORMS.map((platform) => {
      const declaration = DECLARATIONS[platform];
      return [
        platform,
        { field: declaration.optionsField, fields: optionFields(declaration.optionsSchema as Schema) },
      ];
    }),
  );
}
