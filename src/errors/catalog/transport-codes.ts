import type { CatalogEntry } from './types.ts';

const REQUEST_SHAPE = ['action', 'status', 'code', 'message', 'details'] as const;

/**
 * Refusals of the HTTP request itself, before any route runs: what Fastify's router and
 * Node's HTTP parser used to answer in their own bodies. Herald answers them in catalog
 * form, with the HTTP status the condition has always had.
 */
export const TRANSPORT_CODES: readonly CatalogEntry[] = [
  {
    code: 634,
    http: 414,
    title: 'URL path segment too long',
    scope: 'request',
    action: 'request',
    origin: 'herald',
    variants: {
      default: {
        message: 'A segment of the URL path is longer than {limit} characters.',
        shape: REQUEST_SHAPE,
        params: { limit: { sample: '100', meaning: 'the longest path segment Herald reads' } },
      },
    },
    remedy: 'Ids in paths are short: check the URL against /openapi.json; send long values in the body.',
  },
  {
    code: 635,
    http: 431,
    title: 'Request headers too large',
    scope: 'request',
    action: 'request',
    origin: 'herald',
    variants: {
      default: {
        message: 'The request line and headers are larger than {limit} bytes.',
        shape: REQUEST_SHAPE,
        params: { limit: { sample: '16384', meaning: 'the largest request head Node.js reads' } },
      },
    },
    remedy:
      'Send fewer or smaller headers (a cookie jar or a proxy can add many); long values belong in the body.',
  },
  {
    code: 636,
    http: 408,
    title: 'Request not received in time',
    scope: 'request',
    action: 'request',
    origin: 'herald',
    variants: {
      default: {
        message: 'The request was not received completely in time, so Herald did not read it.',
        shape: REQUEST_SHAPE,
      },
    },
    remedy: 'Send the request again; a body that takes minutes to send belongs at a media URL instead.',
  },
];
