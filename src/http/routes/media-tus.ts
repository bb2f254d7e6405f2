import { HeraldError } from '../../errors/herald-error.ts';
import { createTusServer, forProfile, ownsUpload, TUS_PATH } from '../../media/library/tus.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * /api/media/tus[/<id>]: resumable uploads (tus 1.0: POST creates, PATCH appends, HEAD
 * says the offset to resume from, DELETE abandons). Authenticated like every /api route;
 * the request is then handed to @tus/server as it came (its body is a stream, never parsed).
 */
export const registerMediaTus: RegisterRoute = (server, app) => {
  // Made on first use: its file store creates HERALD_DATA_DIR/tus, which a Herald that never takes a tus upload does not need.
  let tus: ReturnType<typeof createTusServer> | undefined;
  const methods = ['POST', 'PATCH', 'HEAD', 'DELETE'] as const;
  for (const url of [TUS_PATH, `${TUS_PATH}/:id`]) {
    server.route({
      method: url === TUS_PATH ? ['POST'] : methods.filter((m) => m !== 'POST'),
      url,
      // fastify adds HEAD for GET routes only; this one declares its own.
      exposeHeadRoute: false,
      schema: { summary: 'Resumable upload (tus 1.0)', tags: ['media'], hide: url !== TUS_PATH },
      handler: async (request, reply) => {
        const id = (request.params as { id?: string }).id;
        if (id !== undefined && !ownsUpload(app.secretKey, request.profile.id, id))
          throw new HeraldError({ code: 607, params: { what: `Upload ${id}` } });
        forProfile(request.raw, request.profile.id);
        reply.hijack();
        tus ??= createTusServer(app);
        await tus.handle(request.raw, reply.raw);
      },
    });
  }
};
