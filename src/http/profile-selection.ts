import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { profileByKey } from './auth.ts';

function keyIn(source: unknown): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const key = (source as { profileKey?: unknown }).profileKey;
  return typeof key === 'string' && key.trim() !== '' ? key : undefined;
}

/**
 * Ayrshare's SDK and users name a profile in three ways: the `Profile-Key` header,
 * or `profileKey` in the body (`unlinkSocial`, `deleteProfile`, `generateJWT`) or in
 * the query. Every route acts on the profile so named; two indications that name
 * different profiles are refused (632), never resolved silently. Runs after the
 * body is parsed and validated, before any handler.
 */
export async function selectProfile(app: AppContext, request: FastifyRequest): Promise<void> {
  const named = [
    { by: 'profileKey in the body' as const, key: keyIn(request.body) },
    { by: 'profileKey in the query' as const, key: keyIn(request.query) },
  ].filter((n): n is { by: typeof n.by; key: string } => n.key !== undefined);
  for (const { by, key } of named) {
    const profile = await profileByKey(app, key);
    if (request.profileNamedBy && profile.id !== request.profile.id) {
      throw new HeraldError({ code: 632, params: { first: request.profileNamedBy, second: by } });
    }
    request.profile = profile;
    request.profileNamedBy ??= by;
  }
}
