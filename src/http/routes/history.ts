import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { networkHistory } from '../../app/analytics/network-history.ts';
import type { AppContext } from '../../app/context.ts';
import { postViews } from '../../app/post-responses.ts';
import { findPost, listPosts } from '../../db/posts.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { isPlatform, PLATFORMS, type Platform } from '../../platforms.ts';
import { documented, sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { AnalyticsFailure, NetworkHistoryAnswer } from '../schemas/analytics-responses.ts';
import { errorResponses, examplesOf, PostStatus, SeedOrderErrorResponses } from '../schemas/common.ts';
import { HistoryAnswer, PostView } from '../schemas/post-responses.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

// Query values arrive as strings (no coercion anywhere): integers are checked by pattern, bounded below.
const HistoryQuery = Type.Object({
  lastDays: Type.Optional(
    Type.String({ pattern: '^\\d{1,4}$', description: 'Days back; 0 = all. Default 30.' }),
  ),
  limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$', description: '1 to 1000. Default 25.' })),
  lastRecords: Type.Optional(
    Type.String({
      pattern: '^\\d{1,4}$',
      description: 'Ayrshare’s older name for limit (limit wins when both are sent).',
    }),
  ),
  status: Type.Optional(PostStatus),
  type: Type.Optional(Type.Union([Type.Literal('immediate'), Type.Literal('scheduled')])),
  platform: Type.Optional(
    Type.String({
      maxLength: 64,
      description: `Only Herald's posts sent to this network (${PLATFORMS.join(', ')}).`,
    }),
  ),
});

/**
 * `/api/history/<platform>`: the network's own list (Ayrshare's meaning). `/api/history/<id>`:
 * one Herald post. Ayrshare's SDK repeats the path's value as `platform` or `id` in the query.
 */
const OneQuery = Type.Object({
  limit: Type.Optional(
    Type.String({
      pattern: '^\\d{1,3}$',
      description: 'With a platform: posts per page, 1 to 100. Default 10.',
    }),
  ),
  next: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 2048,
      description: 'With a platform: the `next` of the previous page.',
    }),
  ),
  platform: Type.Optional(
    Type.String({ maxLength: 64, description: 'Set by Ayrshare’s SDK: the path’s platform.' }),
  ),
  id: Type.Optional(
    Type.String({ maxLength: 64, description: 'Set by Ayrshare’s SDK: the path’s post id.' }),
  ),
});

/** A platform id is at most 9 letters; Herald's post ids are 20 characters: the two never collide. */
function refuseMismatch(path: string, query: { platform?: string; id?: string }): void {
  const repeated = query.platform ?? query.id;
  if (repeated !== undefined && repeated !== path)
    throw new HeraldError({
      code: 604,
      params: { problem: `the query names ${repeated.slice(0, 64)} but the path names ${path}` },
    });
}

// A status filter is applied after the rollup (status is computed from targets,
// never stored), so this many recent posts are examined at most.
const SCAN_LIMIT = 5000;

async function history(
  app: AppContext,
  request: FastifyRequest,
  query: {
    lastDays?: string;
    limit?: string;
    lastRecords?: string;
    status?: string;
    type?: string;
    platform?: string;
  },
) {
  if (query.platform !== undefined && !isPlatform(query.platform))
    throw new HeraldError(unknownPlatformError(query.platform));
  const platform: Platform | null = query.platform ?? null;
  const lastDays = Math.min(Number(query.lastDays ?? 30), 3650);
  const limit = Math.min(Math.max(Number(query.limit ?? query.lastRecords ?? 25), 1), 1000);
  const posts = await listPosts(app.pool, request.profile.id, {
    since: lastDays === 0 ? null : new Date(Date.now() - lastDays * 86_400_000),
    type: query.type === 'immediate' ? 'now' : query.type === 'scheduled' ? 'scheduled' : null,
    platform,
    limit: query.status ? SCAN_LIMIT : limit,
  });
  const views = await postViews(app, request.profile, posts, languageOf(request));
  return { history: views.filter((v) => !query.status || v.status === query.status).slice(0, limit) };
}

export const registerHistory: RegisterRoute = (server, app) => {
  server.get(
    '/api/history',
    {
      schema: {
        summary: 'Posts of this profile, newest first',
        tags: ['posts'],
        querystring: HistoryQuery,
        response: { 200: HistoryAnswer, ...SeedOrderErrorResponses },
      },
    },
    async (request) => documented(await history(app, request, request.query)),
  );
  server.get(
    '/api/history/:idOrPlatform',
    {
      schema: {
        summary:
          'By platform id: the account’s posts on that network, made through Herald or not (paged). By post id: one Herald post.',
        tags: ['posts'],
        params: Type.Object({ idOrPlatform: Type.String({ maxLength: 64 }) }),
        querystring: OneQuery,
        response: {
          200: Type.Union([NetworkHistoryAnswer, PostView], {
            examples: [...examplesOf(NetworkHistoryAnswer), ...examplesOf(PostView)],
          }),
          ...errorResponses(AnalyticsFailure),
        },
      },
    },
    async (request, reply) => {
      const { idOrPlatform } = request.params;
      const { limit, next } = request.query;
      refuseMismatch(idOrPlatform, request.query);
      if (isPlatform(idOrPlatform)) {
        const result = await networkHistory(
          app,
          request.profile,
          {
            platform: idOrPlatform,
            limit: Math.min(Math.max(Number(limit ?? 10), 1), 100),
            ...(next ? { next } : {}),
          },
          secretHeaders(request),
          languageOf(request),
        );
        return sendReply(reply, result);
      }
      if (limit !== undefined || next !== undefined)
        throw new HeraldError({
          code: 604,
          params: { problem: 'limit and next page a network’s history, not a post' },
        });
      const post = await findPost(app.pool, request.profile.id, idOrPlatform);
      if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${idOrPlatform}` } });
      const [view] = await postViews(app, request.profile, [post], languageOf(request));
      return documented(view);
    },
  );
};
