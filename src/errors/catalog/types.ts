import type { Platform } from '../../platforms.ts';

/** Keys an error body can carry, in the order the seeds print them. */
export type BodyField =
  | 'action'
  | 'status'
  | 'code'
  | 'message'
  | 'post'
  | 'details'
  | 'retryAvailable'
  | 'relink'
  | 'resolution'
  | 'source'
  | 'platform';

export interface ErrorVariant {
  /** English message; `{name}` placeholders are filled from the builder's params. */
  message: string;
  /** Overrides the entry's action for this variant. */
  action?: string;
  retryAvailable?: true;
  relink?: true;
  /** `resolution` object as the seed prints it; `{platform}` values are filled in. */
  resolution?: Record<string, string | boolean>;
  source?: string;
  /** `details` template, e.g. `Retry-After: {retryAfter}`; otherwise details come from the caller. */
  details?: string;
  /** Exact keys of the body, in order; absent keys are simply left out. */
  shape?: readonly BodyField[];
  /** What a parameter means, for the docs and for the sandbox's sample values. */
  params?: Record<string, { sample: string; meaning: string }>;
}

export type ErrorScope =
  /** The whole request is refused (auth, bad input); no platform field. */
  | 'request'
  /** One network's target failed; the body sits in `errors[]` with `platform`. */
  | 'network'
  /** A non-fatal problem reported in `warnings[]` of a success. */
  | 'warning'
  /** Analytics responses, which have their own envelope. */
  | 'analytics';

export interface CatalogEntry {
  code: number;
  http: number;
  title: string;
  scope: ErrorScope;
  action: string;
  /** Networks that can produce this code; the sandbox can trigger it on exactly these. */
  platforms?: readonly Platform[];
  variants: { default: ErrorVariant } & Record<string, ErrorVariant>;
  /** What the caller should do, in our words. */
  remedy: string;
  /** Where the code comes from: the seeds, Ayrshare's documented numbers, or Herald. */
  origin: 'seed' | 'ayrshare' | 'herald';
}

export const DEFAULT_SHAPE: readonly BodyField[] = [
  'action',
  'status',
  'code',
  'message',
  'details',
  'retryAvailable',
  'relink',
  'resolution',
  'source',
  'platform',
];

/** Default key order of an entry's bodies; request-level bodies carry no platform. */
export function defaultShapeFor(entry: CatalogEntry): readonly BodyField[] {
  return entry.scope === 'request' ? DEFAULT_SHAPE.filter((key) => key !== 'platform') : DEFAULT_SHAPE;
}
