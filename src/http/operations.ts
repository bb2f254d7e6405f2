import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { postAnalytics } from '../app/analytics/post-analytics.ts';
import { socialAnalytics } from '../app/analytics/social-analytics.ts';
import type { AppContext } from '../app/context.ts';
import { createPost, type PostRequest } from '../app/create-post.ts';
import { type HistoryFilters, postHistory, postView } from '../app/post-history.ts';
import type { Reply } from '../app/post-responses.ts';
import { profileUser } from '../app/profile-user.ts';
import type { RequestSecrets } from '../app/request-secrets.ts';
import { retryPost } from '../app/retry-post.ts';
import { validatePost } from '../app/validate-post.ts';
import type { Profile } from '../db/profiles.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { unknownPlatformError } from '../errors/platform-error.ts';
import { mediaService } from '../media/media-service.ts';
import { verifyMedia } from '../media/verify-media.ts';
import { isPlatform, type Platform } from '../platforms.ts';
import { parseScheduleDate } from '../posts/schedule-date.ts';
import { languageOf } from './boundary.ts';
import {
  type AnalyticsPostBody,
  type AnalyticsSocialBody,
  platformsOf,
  UNSUPPORTED_SOCIAL_FIELDS,
} from './schemas/analytics.ts';
import type { MediaVerifyBody } from './schemas/media.ts';
import { type RetryBody, UNSUPPORTED_POST_FIELDS } from './schemas/post.ts';
import { refuseUnsupported } from './schemas/unsupported.ts';
import { secretHeaders } from './secret-headers.ts';

/**
 * Who asks, whatever carried the request: the profile it acts as (already authenticated and
 * selected), the language of error messages and the per-call network secrets (X's BYO keys).
 */
export interface Caller {
  app: AppContext;
  profile: Profile;
  lang: string | undefined;
  secrets: RequestSecrets;
}

export function callerOf(app: AppContext, request: FastifyRequest): Caller {
  return { app, profile: request.profile, lang: languageOf(request), secrets: secretHeaders(request) };
}

/**
 * What each endpoint does once its input passed the route schema, apart from Fastify: the
 * routes call these, and so do the MCP tools (src/mcp/), so both answer the same thing.
 * Each answers the REST reply (HTTP status and body) or throws a HeraldError.
 */
export const operations = {
  async createPost(caller: Caller, body: PostRequest, options: { waitMs?: number } = {}): Promise<Reply> {
    if (caller.app.draining.value) throw new HeraldError(618);
    refuseUnsupported(body, UNSUPPORTED_POST_FIELDS);
    return createPost(caller.app, caller.profile, body, caller.lang, caller.secrets, options);
  },

  async validatePost(caller: Caller, body: PostRequest): Promise<Reply> {
    refuseUnsupported(body, UNSUPPORTED_POST_FIELDS);
    return validatePost(caller.app, caller.profile, body, caller.lang, caller.secrets);
  },

  async retryPost(
    caller: Caller,
    body: Static<typeof RetryBody>,
    options: { waitMs?: number } = {},
  ): Promise<Reply> {
    const { id, includeUnconfirmed } = body;
    return retryPost(
      caller.app,
      caller.profile,
      id,
      includeUnconfirmed ?? false,
      caller.lang,
      caller.secrets,
      options,
    );
  },

  async history(caller: Caller, query: HistoryFilters): Promise<Reply> {
    return { status: 200, body: await postHistory(caller.app, caller.profile, query, caller.lang) };
  },

  async user(caller: Caller): Promise<Reply> {
    return { status: 200, body: await profileUser(caller.app, caller.profile) };
  },

  async getPost(caller: Caller, id: string): Promise<Reply> {
    return { status: 200, body: await postView(caller.app, caller.profile, id, caller.lang) };
  },

  async verifyMedia(caller: Caller, body: Static<typeof MediaVerifyBody>): Promise<Reply> {
    const { mediaUrl, platforms = [], scheduleDate } = body;
    const unknown = platforms.find((p) => !isPlatform(p));
    if (unknown !== undefined) throw new HeraldError(unknownPlatformError(unknown));
    const postTime = parseScheduleDate(scheduleDate, new Date());
    const result = await verifyMedia(mediaService(caller.app), mediaUrl, {
      platforms: platforms as Platform[],
      ...(postTime ? { postTime } : {}),
    });
    if (!result.ok) throw new HeraldError(result.error);
    return { status: 200, body: { status: 'success', ...result.verification } };
  },

  async analyticsPost(caller: Caller, body: Static<typeof AnalyticsPostBody>): Promise<Reply> {
    const { id, platforms, searchPlatformId } = body;
    refuseUnsupported(body, ['postIds']);
    const checked = platformsOf(platforms);
    return postAnalytics(
      caller.app,
      caller.profile,
      { id, ...(checked ? { platforms: checked } : {}), ...(searchPlatformId ? { searchPlatformId } : {}) },
      caller.secrets,
      caller.lang,
    );
  },

  async analyticsSocial(caller: Caller, body: Static<typeof AnalyticsSocialBody>): Promise<Reply> {
    const { platforms, userId, userName } = body;
    refuseUnsupported(body, UNSUPPORTED_SOCIAL_FIELDS);
    return socialAnalytics(
      caller.app,
      caller.profile,
      {
        platforms: platformsOf(platforms) ?? [],
        ...(userId ? { userId } : {}),
        ...(userName ? { userName } : {}),
      },
      caller.secrets,
      caller.lang,
    );
  },
};
