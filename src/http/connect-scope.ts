import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { messagePage } from '../connect-page/pages.ts';
import { buildErrorBody, httpStatusOf } from '../errors/build.ts';
import { specOf } from './boundary.ts';
import { registerConnectAssets } from './routes/connect-assets.ts';
import { registerConnectCallback } from './routes/connect-callback.ts';
import { registerConnectChoose } from './routes/connect-choose.ts';
import { registerConnectChoosePage } from './routes/connect-choose-page.ts';
import { registerConnectOpen } from './routes/connect-open.ts';
import { registerConnectPage } from './routes/connect-page.ts';
import { registerConnectStart } from './routes/connect-start.ts';
import { registerConnectUnlink } from './routes/connect-unlink.ts';
import type { RegisterRoute, Server } from './types.ts';

/**
 * The connect page's routes (end users linking their own accounts). They answer HTML
 * to a browser, without an API key: the page session's cookie authenticates them
 * (linking/page-session.ts). Cookies and HTML forms are parsed only in this scope, so
 * the JSON API keeps refusing anything but JSON.
 */
const ROUTES: readonly RegisterRoute[] = [
  registerConnectOpen,
  registerConnectPage,
  registerConnectStart,
  registerConnectCallback,
  registerConnectChoosePage,
  registerConnectChoose,
  registerConnectUnlink,
  registerConnectAssets,
];

/** Their URLs, which the server leaves without API-key authentication. */
export const CONNECT_URLS = [
  '/connect',
  '/connect/:sessionId',
  '/connect/:sessionId/start/:platform',
  '/connect/callback/:platform',
  '/connect/:sessionId/choose/:flowId',
  '/connect/:sessionId/unlink/:platform',
  '/connect/assets/:file',
] as const;

const SECURITY_HEADERS = {
  // Only Herald's own stylesheet, script and https pictures; never inside a frame.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; base-uri 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The page to go back to from an error, once the request's page session is known. */
    connectBack?: string;
  }
}

function errorPage(app: AppContext) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { spec, log } = specOf(error, request.id);
    if (log) app.log.error({ err: error, reqId: request.id }, 'connect page failed');
    const body = buildErrorBody(spec);
    const title = spec.code === 660 ? 'This link has expired' : 'Something went wrong';
    return reply
      .status(httpStatusOf(spec.code))
      .type('text/html; charset=utf-8')
      .send(
        messagePage(
          app.config.publicUrl,
          title,
          String(body.message),
          typeof body.details === 'string' ? body.details : undefined,
          request.connectBack,
        ),
      );
  };
}

export function registerConnectScope(server: Server, app: AppContext): void {
  server.register(async (scope) => {
    await scope.register(cookie);
    await scope.register(formbody, { bodyLimit: 16_384 });
    scope.setErrorHandler(errorPage(app));
    scope.addHook('onSend', async (_request, reply) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        if (name !== 'cache-control' || !reply.hasHeader(name)) reply.header(name, value);
    });
    for (const register of ROUTES) register(scope as Server, app);
  });
}
