import type { Platform } from '../platforms.ts';
import { type BodyField, catalogEntry, type ErrorVariant } from './catalog/index.ts';
import { defaultShapeFor } from './catalog/types.ts';
import { translatedTemplate } from './translate.ts';

export type Params = Readonly<Record<string, string | number>>;

/** What a caller tells the builder; stored as-is on a failed target so it can be rendered later, in any language. */
export interface ErrorSpec {
  code: number;
  variant?: string;
  platform?: Platform;
  params?: Params;
  /** Upstream words or Herald's diagnosis; never translated. */
  details?: string;
  /** Overrides the catalog's action (e.g. 288 on a `comment` action). */
  action?: string;
  /** For warnings: the feature that did not apply (e.g. `thumbnail`). */
  feature?: string;
  /** The post's text, echoed where the seed's body does (X's duplicate, 110). */
  post?: string;
}

export type ErrorBody = Record<string, unknown>;

export function fill(template: string, params: Params | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    return value === undefined ? whole : String(value);
  });
}

export function variantOf(spec: ErrorSpec): ErrorVariant {
  const entry = catalogEntry(spec.code);
  const variant = entry.variants[spec.variant ?? 'default'];
  if (!variant) throw new Error(`error catalog: code ${spec.code} has no variant ${spec.variant}`);
  return variant;
}

/** The message of a spec, translated when a language is given and known. */
export function messageOf(spec: ErrorSpec, lang?: string): string {
  const variant = variantOf(spec);
  const template = translatedTemplate(spec.code, spec.variant ?? 'default', lang) ?? variant.message;
  return fill(template, { platform: spec.platform ?? '', ...spec.params });
}

/**
 * Builds the body of one error exactly as the seeds print it. The only place an
 * error body is written: routes, connectors and the sandbox all come here.
 */
export function buildErrorBody(spec: ErrorSpec, lang?: string): ErrorBody {
  const entry = catalogEntry(spec.code);
  const variant = variantOf(spec);
  // A variant whose catalog entry prescribes its details (624: `Retry-After: {retryAfter}`)
  // always prints them so: the network's own words stay in the stored spec and the attempt
  // log, never in place of what the catalog promises the caller.
  const details = variant.details ? detailsFromTemplate(variant.details, spec.params) : spec.details;
  const values: Partial<Record<BodyField, unknown>> = {
    action: spec.action ?? variant.action ?? entry.action,
    status: 'error',
    code: entry.code,
    message: messageOf(spec, lang),
    post: spec.post,
    details,
    retryAvailable: variant.retryAvailable,
    relink: variant.relink,
    resolution: variant.resolution ? fillResolution(variant.resolution, spec.platform) : undefined,
    source: variant.source,
    platform: spec.platform,
  };
  const body: ErrorBody = {};
  for (const key of variant.shape ?? defaultShapeFor(entry)) {
    if (values[key] !== undefined) body[key] = values[key];
  }
  return body;
}

/** A details template fills only when every parameter it names was given; otherwise there are no details. */
function detailsFromTemplate(template: string | undefined, params: Params | undefined): string | undefined {
  if (!template) return undefined;
  const filled = fill(template, params);
  return /\{\w+\}/.test(filled) ? undefined : filled;
}

function fillResolution(resolution: Record<string, string | boolean>, platform: Platform | undefined) {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(resolution)) {
    out[key] = typeof value === 'string' && value === '{platform}' ? (platform ?? '') : value;
  }
  return out;
}

export function httpStatusOf(code: number): number {
  return catalogEntry(code).http;
}
