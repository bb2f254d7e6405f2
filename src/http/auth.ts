import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { hashKey } from '../config/secrets.ts';
import { activeApiKeyId } from '../db/api-keys.ts';
import { findPrimaryProfile, findProfileByKeyHash, type Profile } from '../db/profiles.ts';
import { HeraldError } from '../errors/herald-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The profile the request acts as: the one a profile key names, or the primary profile. */
    profile: Profile;
    /**
     * What named `profile`, when something did: the `Profile-Key` header, or a
     * `profileKey` field (body or query; see profile-selection.ts). Unset: the primary by default.
     */
    profileNamedBy?: 'the Profile-Key header' | 'profileKey in the body' | 'profileKey in the query';
    /** The API key that authenticated the request (its id), for the per-key rate limit. */
    apiKeyId?: string;
  }
}

/**
 * `Authorization: Bearer <API key>` authenticates the account; `Profile-Key`
 * selects a user profile. Missing key → 102 (403), unknown key → 601 (401),
 * unknown profile key → 602 (403). Keys and profiles come from memory when this
 * process has read them before and heard of no change since (auth-cache.ts).
 */
export async function authenticate(app: AppContext, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  if (!header || header.trim() === '') throw new HeraldError(102);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const keyHash = match?.[1] ? hashKey(match[1]) : undefined;
  const keyId = keyHash
    ? await app.auth.apiKeyId(keyHash, () => activeApiKeyId(app.pool, keyHash))
    : undefined;
  if (!keyId) throw new HeraldError(601);
  request.apiKeyId = keyId;

  const profileKey = request.headers['profile-key'];
  if (typeof profileKey === 'string' && profileKey.trim() !== '') {
    request.profile = await profileByKey(app, profileKey);
    request.profileNamedBy = 'the Profile-Key header';
    return;
  }
  const primary = await app.auth.primaryProfile(() => findPrimaryProfile(app.pool));
  if (!primary) throw new Error('no primary profile: bootstrap did not run');
  request.profile = primary;
}

/** The profile a profile key names; 602 when none does. */
export async function profileByKey(app: AppContext, key: string): Promise<Profile> {
  const keyHash = hashKey(key.trim());
  const profile = await app.auth.profileByKeyHash(keyHash, () => findProfileByKeyHash(app.pool, keyHash));
  if (!profile) throw new HeraldError(602);
  return profile;
}
