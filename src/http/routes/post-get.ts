import { Type } from 'typebox';
import { postViews } from '../../app/post-responses.ts';
import { findPost } from '../../db/posts.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { documented } from '../answer.ts';
import { languageOf } from '../boundary.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { PostView } from '../schemas/post-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerPostGet: RegisterRoute = (server, app) => {
  server.get(
    '/api/post/:id',
    {
      schema: {
        summary: 'A post with its per-network results',
        tags: ['posts'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: PostView, ...ErrorResponses },
      },
    },
    async (request) => {
      const post = await findPost(app.pool, request.profile.id, request.params.id);
      if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${request.params.id}` } });
      const [view] = await postViews(app, request.profile, [post], languageOf(request));
      return documented(view);
    },
  );
};
