import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { hashKey } from '../config/secrets.ts';
import { apiKeyIsValid } from '../db/api-keys.ts';
import { findPrimaryProfile, findProfileByKeyHash, type Profile } from '../db/profiles.ts';
import { HeraldError } from '../errors/herald-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The profile the request acts as: the Profile-Key's, or the primary profile. */
    profile: Profile;
  }
}

/**
 * `Authorization: Bearer <API key>` authenticates the account; `Profile-Key`
 * selects a user profile. Missing key → 102 (403), unknown key → 601 (401),
 * unknown profile key → 602 (403).
 */
export async function authenticate(app: AppContext, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  if (!header || header.trim() === '') throw new HeraldError(102);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !(await apiKeyIsValid(app.pool, hashKey(match[1])))) throw new HeraldError(601);

  const profileKey = request.headers['profile-key'];
  if (typeof profileKey === 'string' && profileKey.trim() !== '') {
    const profile = await findProfileByKeyHash(app.pool, hashKey(profileKey.trim()));
    if (!profile) throw new HeraldError(602);
    request.profile = profile;
    return;
  }
  const primary = await findPrimaryProfile(app.pool);
  if (!primary) throw new Error('no primary profile: bootstrap did not run');
  request.profile = primary;
}
