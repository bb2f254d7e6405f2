import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { findProfile, type Profile } from '../../db/profiles.ts';
import { HeraldError } from '../../errors/herald-error.ts';

/**
 * The profile a PATCH/DELETE /api/profiles acts on: the one the request named (the
 * `Profile-Key` header or `profileKey`, resolved for every route by profile-selection.ts),
 * else a `title` in the body (Ayrshare accepts each). A title that names another profile
 * than the key did is refused (632): a request acting as a profile acts only on it.
 */
export async function targetProfile(
  app: AppContext,
  request: FastifyRequest,
  title: string | undefined,
): Promise<Profile> {
  if (request.profileNamedBy) {
    if (title !== undefined && title !== request.profile.title) {
      throw new HeraldError({
        code: 632,
        params: { first: request.profileNamedBy, second: `title "${title.slice(0, 200)}"` },
      });
    }
    return request.profile;
  }
  if (title === undefined) {
    throw new HeraldError({
      code: 604,
      params: { problem: 'name the profile with the Profile-Key header, profileKey or title' },
    });
  }
  const profile = await findProfile(app.pool, { title });
  if (!profile) throw new HeraldError({ code: 607, params: { what: 'Profile' } });
  return profile;
}
