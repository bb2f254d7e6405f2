import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { hashKey } from '../../config/secrets.ts';
import { findProfile, type Profile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';

/**
 * The profile a PATCH/DELETE /api/profiles acts on: the `Profile-Key` header, or a
 * `profileKey` / `title` in the body (Ayrshare accepts each).
 */
export async function targetProfile(
  app: AppContext,
  request: FastifyRequest,
  body: { profileKey?: string | undefined; title?: string | undefined },
): Promise<Profile> {
  if (request.headers['profile-key']) return request.profile;
  const profile = body.profileKey
    ? await findProfile(app.pool, { keyHash: hashKey(body.profileKey) })
    : body.title
      ? await findProfile(app.pool, { title: body.title })
      : undefined;
  if (!profile) {
    if (!body.profileKey && !body.title) {
      throw new HeraldError({
        code: 604,
        params: { problem: 'name the profile with the Profile-Key header, profileKey or title' },
      });
    }
    throw new HeraldError({ code: 607, params: { what: 'Profile' } });
  }
  return profile;
}
