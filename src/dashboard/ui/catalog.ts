import { asArray, type Json } from './api.ts';

/** One entry of GET /api/errors. */
export interface CatalogEntry {
  code: number;
  httpStatus: number;
  title: string;
  scope: string;
  message: string;
  remedy: string;
  retryAvailable: boolean;
  relink: boolean;
  platforms: string[];
  docs: string;
}

let loading: Promise<Map<number, CatalogEntry>> | undefined;

/** The catalog, fetched once per page load (a public route: no key needed). */
export function catalog(): Promise<Map<number, CatalogEntry>> {
  loading ??= fetch('/api/errors')
    .then((r) => r.json() as Promise<Json>)
    .then((body) => new Map(asArray(body.errors).map((e) => [Number(e.code), e as unknown as CatalogEntry])));
  return loading;
}
