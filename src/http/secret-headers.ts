import type { FastifyRequest } from 'fastify';
import { DECLARATIONS } from '../connectors/declarations.ts';

/** Every request header some network declares as a per-call secret (X's BYO keys). */
const SECRET_HEADERS = [...new Set(Object.values(DECLARATIONS).flatMap((d) => d.requestSecrets ?? []))];

/** Those headers from this request: used for the call, never stored in a row or logged. */
export function secretHeaders(request: FastifyRequest): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const name of SECRET_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string' && value !== '') secrets[name] = value;
  }
  return secrets;
}
