import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { AppContext } from '../app/context.ts';
import { buildErrorBody } from '../errors/build.ts';
import { authenticate } from './auth.ts';
import { errorHandler, languageOf, MAX_PARAM_LENGTH } from './boundary.ts';
import { clientErrorHandler } from './client-errors.ts';
import { CONNECT_URLS, registerConnectScope } from './connect-scope.ts';
import { selectProfile } from './profile-selection.ts';
import { countAnswered, limitRate } from './rate-limit.ts';
import { registerAccountsLink } from './routes/accounts-link.ts';
import { registerAccountsList } from './routes/accounts-list.ts';
import { registerAnalyticsLinks } from './routes/analytics-links.ts';
import { registerAnalyticsPost } from './routes/analytics-post.ts';
import { registerAnalyticsSocial } from './routes/analytics-social.ts';
import { registerAutoScheduleDelete } from './routes/auto-schedule-delete.ts';
import { registerAutoScheduleList } from './routes/auto-schedule-list.ts';
import { registerAutoScheduleSet } from './routes/auto-schedule-set.ts';
import { registerCommentsCreate } from './routes/comments-create.ts';
import { registerCommentsDelete } from './routes/comments-delete.ts';
import { registerCommentsGet } from './routes/comments-get.ts';
import { registerCommentsReply } from './routes/comments-reply.ts';
import { registerDashboard } from './routes/dashboard.ts';
import { registerErrorsList } from './routes/errors-list.ts';
import { registerHealth } from './routes/health.ts';
import { registerHistory } from './routes/history.ts';
import { registerHookDeliveriesList } from './routes/hook-deliveries-list.ts';
import { registerHookDeliveriesResend } from './routes/hook-deliveries-resend.ts';
import { registerHookWebhookDelete } from './routes/hook-webhook-delete.ts';
import { registerHookWebhookList } from './routes/hook-webhook-list.ts';
import { registerHookWebhookRegister } from './routes/hook-webhook-register.ts';
import { registerLinksCreate } from './routes/links-create.ts';
import { registerLinksGet } from './routes/links-get.ts';
import { registerLinksList } from './routes/links-list.ts';
import { registerLinksShortenLegacy } from './routes/links-shorten-legacy.ts';
import { registerMcp } from './routes/mcp.ts';
import { registerMediaDelete } from './routes/media-delete.ts';
import { registerMediaFile } from './routes/media-file.ts';
import { registerMediaList } from './routes/media-list.ts';
import { registerMediaMeta } from './routes/media-meta.ts';
import { registerMediaResize } from './routes/media-resize.ts';
import { registerMediaSignedPut } from './routes/media-signed-put.ts';
import { registerMediaTus } from './routes/media-tus.ts';
import { registerMediaUpload } from './routes/media-upload.ts';
import { registerMediaUploadUrl } from './routes/media-upload-url.ts';
import { registerMediaUrlExists } from './routes/media-url-exists.ts';
import { registerMediaVerify } from './routes/media-verify.ts';
import { registerMetrics } from './routes/metrics.ts';
import { registerPostCreate } from './routes/post-create.ts';
import { registerPostDelete } from './routes/post-delete.ts';
import { registerPostGet } from './routes/post-get.ts';
import { registerPostRetry } from './routes/post-retry.ts';
import { registerPostUpdate } from './routes/post-update.ts';
import { registerProfilesCreate } from './routes/profiles-create.ts';
import { registerProfilesDelete } from './routes/profiles-delete.ts';
import { registerProfilesGenerateJwt } from './routes/profiles-generate-jwt.ts';
import { registerProfilesList } from './routes/profiles-list.ts';
import { registerProfilesUpdate } from './routes/profiles-update.ts';
import { registerRobots } from './routes/robots.ts';
import { registerShortLinkRedirect } from './routes/short-link-redirect.ts';
import { registerSocialUnlink } from './routes/social-unlink.ts';
import { registerUser } from './routes/user.ts';
import { registerValidateModeration } from './routes/validate-moderation.ts';
import { registerValidatePost } from './routes/validate-post.ts';
import { registerValidatePostLength } from './routes/validate-post-length.ts';
import { registerWebhooksTiktok } from './routes/webhooks-tiktok.ts';
import { AJV_CUSTOM_OPTIONS } from './schemas/ajv-options.ts';
import { closeRouteSchemas } from './schemas/closed-schemas.ts';
import { keepOrderSerializerCompiler } from './schemas/key-order.ts';
import { openApiTransform } from './schemas/raw-body.ts';
import { checkSerialization, type SerializationLoss } from './serialization-check.ts';
import type { RegisterRoute, Server } from './types.ts';
import { refuseUnstorableText } from './unstorable-text.ts';

const ROUTES: readonly RegisterRoute[] = [
  registerHealth,
  registerMetrics,
  registerErrorsList,
  registerPostCreate,
  registerPostGet,
  registerPostDelete,
  registerPostRetry,
  registerPostUpdate,
  registerAutoScheduleSet,
  registerAutoScheduleList,
  registerAutoScheduleDelete,
  registerHistory,
  registerAnalyticsPost,
  registerAnalyticsSocial,
  registerAccountsLink,
  registerAccountsList,
  registerSocialUnlink,
  registerUser,
  registerProfilesCreate,
  registerProfilesList,
  registerProfilesUpdate,
  registerProfilesDelete,
  registerProfilesGenerateJwt,
  registerMediaVerify,
  registerMediaUrlExists,
  registerMediaFile,
  registerMediaUpload,
  registerMediaUploadUrl,
  registerMediaList,
  registerMediaDelete,
  registerMediaMeta,
  registerMediaResize,
  registerRobots,
  registerWebhooksTiktok,
  registerLinksCreate,
  registerLinksGet,
  registerLinksList,
  registerLinksShortenLegacy,
  registerAnalyticsLinks,
  registerShortLinkRedirect,
  registerValidatePost,
  registerValidatePostLength,
  registerValidateModeration,
  registerHookWebhookRegister,
  registerHookWebhookList,
  registerHookWebhookDelete,
  registerHookDeliveriesList,
  registerHookDeliveriesResend,
  registerCommentsCreate,
  registerCommentsReply,
  registerCommentsGet,
  registerCommentsDelete,
  registerDashboard,
  registerMcp,
];

/** Routes that take the request body as a stream, whatever its type. */
const RAW_BODY_ROUTES: readonly RegisterRoute[] = [registerMediaSignedPut, registerMediaTus];

/** Routes that answer without an API key. */
const PUBLIC = new Set([
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
  '/api/errors',
  '/api/webhooks/tiktok',
  '/media/:file',
  '/media/upload/:token',
  '/robots.txt',
  // The dashboard's page and files: it asks for the key itself and sends it as Bearer.
  '/app',
  '/app/',
  '/app/assets/:file',
  '/s/:id',
  // The connect page: its session cookie authenticates it (src/linking/page-session.ts).
  ...CONNECT_URLS,
]);

export interface RegisteredRoute {
  method: string;
  url: string;
  schema: Record<string, unknown> | undefined;
}
const REGISTERED = new WeakMap<object, RegisteredRoute[]>();
/** Every route a server registered (method and URL as Fastify has it): the spec's completeness test reads it. */
export function registeredRoutes(server: Server): readonly RegisteredRoute[] {
  return REGISTERED.get(server) ?? [];
}

export interface ServerOptions {
  /** Tests: told whenever a response schema changed what a handler answered (serialization-check.ts). */
  onSerializationLoss?: (loss: SerializationLoss) => void;
}

export async function buildServer(app: AppContext, options: ServerOptions = {}): Promise<Server> {
  const answerError = errorHandler(app.log, app.config.bodyLimitBytes);
  const server = Fastify({
    // Requests are logged once, by the onResponse hook below, through Herald's logger.
    logger: false,
    bodyLimit: app.config.bodyLimitBytes,
    ajv: { customOptions: AJV_CUSTOM_OPTIONS },
    genReqId: () => `req-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // The router's refusals (a malformed %-escape, a path segment too long) and the HTTP
    // parser's (a control character in a header, headers too large) in catalog form too.
    frameworkErrors: (error, request, reply) => answerError(error, request, reply),
    clientErrorHandler: clientErrorHandler(app.log),
  }).withTypeProvider() as unknown as Server;

  // Before swagger's own onRoute hook, so /openapi.json shows the closed schemas.
  const registered: RegisteredRoute[] = [];
  REGISTERED.set(server, registered);
  server.addHook('onRoute', (route) => {
    if (!PUBLIC.has(route.url)) closeRouteSchemas(route);
    const schema = route.schema as Record<string, unknown> | undefined;
    for (const method of [route.method].flat()) registered.push({ method, url: route.url, schema });
  });
  await server.register(swagger, {
    openapi: {
      info: {
        title: 'Herald API',
        version: '0.1.0',
        description: 'Ayrshare-compatible social publishing API. Errors: GET /api/errors and docs/errors.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API key' },
          profileKey: { type: 'apiKey', in: 'header', name: 'Profile-Key' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: openApiTransform,
  });

  server.setSerializerCompiler(keepOrderSerializerCompiler);
  server.setErrorHandler(answerError);
  server.setNotFoundHandler((request, reply) =>
    reply.status(404).send(
      buildErrorBody(
        {
          code: 611,
          params: { method: request.method, path: request.url.split('?')[0]?.slice(0, 200) ?? '' },
        },
        languageOf(request),
      ),
    ),
  );
  // Head text PostgreSQL cannot store (path, query, headers): refused before the keys are looked up.
  server.addHook('onRequest', refuseUnstorableText.onRequest);
  server.addHook('onRequest', async (request) => {
    if (request.routeOptions.url && !PUBLIC.has(request.routeOptions.url)) await authenticate(app, request);
  });
  // Body text PostgreSQL cannot store: refused before schema validation and any query.
  server.addHook('preValidation', refuseUnstorableText.preValidation);
  server.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.url || PUBLIC.has(request.routeOptions.url)) return;
    await selectProfile(app, request);
    await limitRate(app, request, reply);
  });
  // A response finished while draining closes its connection: an idle keep-alive socket
  // would otherwise hold the shutdown until the keep-alive timeout (72 s).
  server.addHook('onSend', async (request, reply) => {
    if (app.draining.value) reply.header('connection', 'close');
    countAnswered(app, request, reply);
  });
  server.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    app.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    app.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    app.log.info(
      {
        reqId: request.id,
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  if (options.onSerializationLoss) checkSerialization(server, options.onSerializationLoss);

  // Multipart bodies (POST /api/media/upload) are read part by part in the route, streamed.
  await server.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 64 * 1024 } });
  for (const register of ROUTES) register(server, app);
  // Routes whose body is a raw stream of any type (a signed PUT, tus PATCHes): no parser reads it.
  await server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    for (const register of RAW_BODY_ROUTES) register(scope as unknown as Server, app);
  });
  registerConnectScope(server, app);
  server.get('/openapi.json', { schema: { hide: true } }, async () => server.swagger());
  await server.ready();
  return server;
}
