import { type TObject, type TProperties, Type } from 'typebox';
import { NotOffered } from '../../posts/not-offered.ts';

/** The schema keyword that lists an option object's not-offered fields (read by validateTarget). */
const NOT_OFFERED = 'x-notOffered';

/**
 * An option object. Known fields are typed; fields Ayrshare documents for features
 * Herald does not offer (`notOffered`) are accepted only empty or false; any other
 * field is refused (620 naming it), so a typo never passes silently.
 */
export function options<P extends TProperties>(
  properties: P,
  notOffered: readonly string[] = [],
): TObject<P> {
  const extra = Object.fromEntries(notOffered.map((field) => [field, Type.Optional(NotOffered(field))]));
  return Type.Object({ ...properties, ...extra } as P, {
    additionalProperties: false,
    ...(notOffered.length ? { [NOT_OFFERED]: notOffered } : {}),
  });
}

/** The not-offered fields an option schema declares. */
export function notOfferedFields(schema: unknown): readonly string[] {
  return ((schema as Record<string, unknown>)[NOT_OFFERED] as readonly string[] | undefined) ?? [];
}

export const altTexts = Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 35 });
