import { Type } from 'typebox';
import { buildErrorBody, httpStatusOf } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { createTusServer, forProfile, ownsUpload, serveTus, TUS_PATH } from '../../media/library/tus.ts';
import { languageOf } from '../boundary.ts';
import { TUS_SCHEMAS } from '../schemas/tus-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * /api/media/tus[/<id>]: resumable uploads (tus 1.0: POST creates, PATCH appends, HEAD
 * says the offset to resume from, DELETE abandons). Authenticated like every /api route;
 * the request is then handed to @tus/server as it came (its body is a stream, never parsed),
 * and its refusals go out in catalog form (src/media/library/tus-refusals.ts).
 */
export const registerMediaTus: RegisterRoute = (server, app) => {
  // Made on first use: its file store creates HERALD_DATA_DIR/tus, which a Herald that never takes a tus upload does not need.
  let tus: ReturnType<typeof createTusServer> | undefined;
  for (const method of ['POST', 'PATCH', 'HEAD', 'DELETE'] as const) {
    const url = method === 'POST' ? TUS_PATH : `${TUS_PATH}/:id`;
    server.route({
      method,
      url,
      exposeHeadRoute: false,
      // tus's HEAD is an operation of its own (where to resume), so the spec lists it.
      ...(method === 'HEAD' ? { config: { swagger: { exposeHeadRoute: true } } } : {}),
      schema: {
        tags: ['media'],
        ...(method === 'POST' ? {} : { params: Type.Object({ id: Type.String({ maxLength: 200 }) }) }),
        ...TUS_SCHEMAS[method],
      },
      handler: async (request, reply) => {
        const id = (request.params as { id?: string }).id;
        if (id !== undefined && !ownsUpload(app.secretKey, request.profile.id, id))
          throw new HeraldError({ code: 607, params: { what: `Upload ${id}` } });
        forProfile(request.raw, request.profile.id);
        reply.hijack();
        tus ??= createTusServer(app);
        const context = { uploadId: id ?? '', maxBytes: app.config.media.maxBytes, requestId: request.id };
        await serveTus(
          tus,
          request.raw,
          reply.raw,
          ({ spec, unexpected, cause }, tusStatus) => {
            if (unexpected)
              request.log.error({ err: cause, reqId: request.id, tusStatus }, 'tus upload failed');
            return { status: httpStatusOf(spec.code), body: buildErrorBody(spec, languageOf(request)) };
          },
          context,
        );
      },
    });
  }
};
