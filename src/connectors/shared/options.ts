import { type TObject, type TProperties, Type } from 'typebox';

/** An option object: known fields are typed, unknown fields are allowed and ignored (Ayrshare drops them). */
export function options<P extends TProperties>(properties: P): TObject<P> {
  return Type.Object(properties, { additionalProperties: true });
}

export const altTexts = Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 35 });
