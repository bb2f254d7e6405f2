import { textResponse } from './common.ts';

/**
 * The hosted connect page (src/connect-page/) answers HTML to a browser: its pages, and its
 * errors as a page saying the catalog's message (connect-scope.ts), never a JSON body.
 */
export const ConnectHtml = textResponse(
  'text/html; charset=utf-8',
  'A page of the hosted connect flow.',
  '<!doctype html><html lang="en"><head><title>Connect your accounts</title></head><body>…</body></html>',
);

export const ConnectErrorPage = textResponse(
  'text/html; charset=utf-8',
  'A page saying the catalog error’s message (660: the link expired; 661: unknown network; 604 ...).',
  '<!doctype html><html lang="en"><head><title>This link has expired</title></head><body>…</body></html>',
);

/** Error answers of every connect route. */
export const ConnectErrors = { '4xx': ConnectErrorPage, '5xx': ConnectErrorPage };

/** The connect page of a session (where every action comes back to). */
export const PAGE_EXAMPLE =
  'https://herald.example.com/connect/2f1c9a4e-7d1b-4f7e-9a53-1f0d6b2f6f55?linked=bluesky';
