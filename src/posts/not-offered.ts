import { type TUnknown, Type } from 'typebox';

/**
 * A field Ayrshare documents for a feature Herald does not offer. It is accepted when
 * it asks for nothing (`false`, `""`, `[]`, `{}`, `null`, `0`) — what an integration
 * moving from Ayrshare often sends — and refused naming it when it asks for the
 * feature; never silently ignored.
 */
export function NotOffered(what: string): TUnknown {
  return Type.Unknown({
    description: `Not offered by Herald (${what}): only an empty or false value is accepted.`,
  });
}

export function asksForSomething(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === 0) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** The first of `fields` whose value in `object` asks for the feature. */
export function firstAskedFor(object: unknown, fields: readonly string[]): string | undefined {
  if (typeof object !== 'object' || object === null) return undefined;
  return fields.find((name) => asksForSomething((object as Record<string, unknown>)[name]));
}
