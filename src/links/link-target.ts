import { HeraldError } from '../errors/herald-error.ts';

/** A link longer than this is refused: Pinterest's `link` cap, and what most browsers and crawlers keep. */
export const MAX_LINK_URL_LENGTH = 2048;

/** Ayrshare's UTM fields and the query parameter each one sets. */
export const UTM_FIELDS = {
  utmId: 'utm_id',
  utmSource: 'utm_source',
  utmMedium: 'utm_medium',
  utmCampaign: 'utm_campaign',
  utmTerm: 'utm_term',
  utmContent: 'utm_content',
} as const;
export type UtmField = keyof typeof UTM_FIELDS;
export type Utm = Partial<Record<UtmField, string>>;

/** Why this URL cannot be a short link's target; undefined when it can. */
export function linkTargetProblem(raw: string): string | undefined {
  if (raw.length > MAX_LINK_URL_LENGTH) return `it is longer than ${MAX_LINK_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'it is not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'only http and https URLs can be shortened';
  if (!url.hostname) return 'it names no host';
  // A short link is public: credentials in the URL would be published with it.
  if (url.username || url.password) return 'it carries a user name or password';
  return undefined;
}

/**
 * The URL a short link redirects to: the caller's URL with its UTM parameters set
 * (Ayrshare embeds them in the link). Refused with 652 when it cannot be a target.
 */
export function linkTarget(raw: string, utm: Utm = {}): string {
  const problem = linkTargetProblem(raw);
  if (problem) throw new HeraldError({ code: 652, params: { reason: problem } });
  const entries = Object.entries(utm).filter(([, value]) => value !== undefined && value !== '');
  if (entries.length === 0) return raw;
  const url = new URL(raw);
  for (const [field, value] of entries) url.searchParams.set(UTM_FIELDS[field as UtmField], value as string);
  const target = url.toString();
  const after = linkTargetProblem(target);
  if (after) throw new HeraldError({ code: 652, params: { reason: `with its UTM parameters, ${after}` } });
  return target;
}
