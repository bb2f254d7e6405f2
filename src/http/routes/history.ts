import { Type } from 'typebox';
import { networkHistory } from '../../app/analytics/network-history.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { isPlatform } from '../../platforms.ts';
import { documented, sendReply } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { callerOf, operations } from '../operations.ts';
import { AnalyticsFailure, NetworkHistoryAnswer } from '../schemas/analytics-responses.ts';
import { errorResponses, examplesOf, SeedOrderErrorResponses } from '../schemas/common.ts';
import { HistoryQuery, OneQuery } from '../schemas/history.ts';
import { HistoryAnswer, PostView } from '../schemas/post-responses.ts';
import { secretHeaders } from '../secret-headers.ts';
import type { RegisterRoute } from '../types.ts';

/** A platform id is at most 9 letters; Herald's post ids are 20 characters: the two never collide. */
function refuseMismatch(path: string, query: { platform?: string; id?: string }): void {
  const repeated = query.platform ?? query.id;
  if (repeated !== undefined && repeated !== path)
    throw new HeraldError({
      code: 604,
      params: { problem: `the query names ${repeated.slice(0, 64)} but the path names ${path}` },
    });
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
    async (request) => documented((await operations.history(callerOf(app, request), request.query)).body),
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
      return documented((await operations.getPost(callerOf(app, request), idOrPlatform)).body);
    },
  );
};
