import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { postViews } from '../../app/post-responses.ts';
import { findPost, listPosts } from '../../db/posts.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { isPlatform, type Platform } from '../../platforms.ts';
import { languageOf } from '../boundary.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
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
  status: Type.Optional(
    Type.Union(
      [
        'success',
        'error',
        'pending',
        'processing',
        'scheduled',
        'deleted',
        'paused',
        'awaiting approval',
      ].map((s) => Type.Literal(s)),
    ),
  ),
  type: Type.Optional(Type.Union([Type.Literal('immediate'), Type.Literal('scheduled')])),
});

// A status filter is applied after the rollup (status is computed from targets,
// never stored), so this many recent posts are examined at most.
const SCAN_LIMIT = 5000;

async function history(
  app: AppContext,
  request: FastifyRequest,
  query: { lastDays?: string; limit?: string; lastRecords?: string; status?: string; type?: string },
  platform: Platform | null,
) {
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
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => history(app, request, request.query, null),
  );
  server.get(
    '/api/history/:idOrPlatform',
    {
      schema: {
        summary: 'One post by id, or the posts sent to one network (by platform id)',
        tags: ['posts'],
        params: Type.Object({ idOrPlatform: Type.String({ maxLength: 64 }) }),
        querystring: HistoryQuery,
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => {
      const { idOrPlatform } = request.params;
      if (isPlatform(idOrPlatform)) return history(app, request, request.query, idOrPlatform);
      const post = await findPost(app.pool, request.profile.id, idOrPlatform);
      if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${idOrPlatform}` } });
      const [view] = await postViews(app, request.profile, [post], languageOf(request));
      return view;
    },
  );
};
