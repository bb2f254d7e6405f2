import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { MAX_LINK_URL_LENGTH, UTM_FIELDS } from '../../links/link-target.ts';
import { Unsupported } from './unsupported.ts';

const UTM_PROPERTIES = Object.fromEntries(
  Object.entries(UTM_FIELDS).map(([field, param]) => [
    field,
    Type.Optional(Type.String({ maxLength: 200, description: `Sets ${param} on the link's target.` })),
  ]),
);

/** POST /api/links: Ayrshare's body. */
export const LinkBody = Type.Object({
  url: Type.String({
    minLength: 1,
    // The URL's own check (652) says what is wrong with a long one; this only bounds the body.
    maxLength: MAX_LINK_URL_LENGTH * 2,
    description: `An absolute http(s) URL of at most ${MAX_LINK_URL_LENGTH} characters.`,
  }),
  ...UTM_PROPERTIES,
});

/** POST /api/shorten and /api/short (Ayrshare's older shortener): `socialMeta` set link previews there. */
export const LegacyShortenBody = Type.Object({
  url: LinkBody.properties.url,
  socialMeta: Type.Optional(Unsupported('socialMeta')),
});

const DATE = (meaning: string) =>
  Type.Optional(
    Type.String({ maxLength: 64, description: `${meaning}; UTC ISO-8601, e.g. 2026-07-08T12:30:00Z.` }),
  );

export const LinkAnalyticsQuery = Type.Object({
  // Ayrshare's SDK repeats the path's id in the query.
  id: Type.Optional(Type.String({ maxLength: 64 })),
  fromCreatedDate: DATE('Links shortened after this date'),
  toCreatedDate: DATE('Links shortened before this date'),
  fromClickDate: DATE('Clicks after this date'),
  toClickDate: DATE('Clicks before this date'),
});

/** A date query parameter, or 604 naming it. */
export function dateParam(name: string, raw: string | undefined): Date | null {
  if (raw === undefined || raw === '') return null;
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime()))
    throw new HeraldError({
      code: 604,
      params: { problem: `query.${name} must be a date like 2026-07-08T12:30:00Z` },
    });
  return date;
}
