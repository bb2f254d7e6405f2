import type { paths } from './generated/openapi.ts';

type CatalogEntry =
  paths['/api/errors']['get']['responses'][200]['content']['application/json']['errors'][number];

/** Every code of Herald's error catalog (GET /api/errors, docs/errors.md), as generated from the spec. */
export type CatalogCode = CatalogEntry['code'];

/** One catalog error body, as Herald answers it (seed shape: action, status, code, message, details...). */
export interface CatalogErrorBody {
  status: 'error';
  code: CatalogCode;
  message: string;
  action?: string;
  details?: string;
  platform?: string;
  retryAvailable?: boolean;
  relink?: boolean;
  [key: string]: unknown;
}

/**
 * A call Herald refused or could not complete: the HTTP status, the catalog code (a union of
 * the catalog's codes), its message, and the whole body (a post's envelope keeps what succeeded
 * beside `errors`, one catalog body per network that failed).
 */
export class HeraldApiError extends Error {
  override readonly name = 'HeraldApiError';
  readonly status: number;
  readonly code: CatalogCode | undefined;
  readonly body: unknown;
  /** Per-network errors of a post envelope (partial or total failure). */
  readonly errors: CatalogErrorBody[];

  constructor(status: number, body: unknown) {
    const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const errors = Array.isArray(record.errors) ? (record.errors as CatalogErrorBody[]) : [];
    const first = typeof record.code === 'number' ? (record as unknown as CatalogErrorBody) : errors[0];
    super(first ? `${first.code}: ${first.message}` : `HTTP ${status}`);
    this.status = status;
    this.code = first?.code;
    this.body = body;
    this.errors = errors;
  }
}
