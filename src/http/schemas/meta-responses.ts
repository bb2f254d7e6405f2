import { Type } from 'typebox';
import { CatalogCode, OneOf, PlatformId } from './common.ts';

const Variant = Type.Object({
  name: Type.String(),
  message: Type.String(),
  action: Type.Optional(Type.String()),
  retryAvailable: Type.Boolean(),
  relink: Type.Boolean(),
  resolution: Type.Optional(Type.Object({}, { additionalProperties: true })),
  source: Type.Optional(Type.String()),
  details: Type.Optional(Type.String()),
});

/** GET /api/errors: the catalog. */
export const CatalogAnswer = Type.Object(
  {
    errors: Type.Array(
      Type.Object({
        code: CatalogCode,
        httpStatus: Type.Integer(),
        title: Type.String(),
        scope: OneOf(['request', 'network', 'warning', 'analytics']),
        action: Type.String(),
        message: Type.String(),
        retryAvailable: Type.Boolean(),
        relink: Type.Boolean(),
        platforms: Type.Array(PlatformId),
        variants: Type.Array(Variant),
        remedy: Type.String({ description: 'What to do, in plain words.' }),
        origin: Type.Union([Type.Literal('seed'), Type.Literal('ayrshare'), Type.Literal('herald')]),
        docs: Type.String({ description: 'Its section of docs/errors.md.' }),
      }),
    ),
  },
  {
    examples: [
      {
        errors: [
          {
            code: 435,
            httpStatus: 429,
            title: 'Instagram rate limit',
            scope: 'network',
            action: 'post',
            message: 'Instagram rate limit reached. Please wait before retrying your post.',
            retryAvailable: true,
            relink: false,
            platforms: ['instagram'],
            variants: [
              {
                name: 'default',
                message: 'Instagram rate limit reached. Please wait before retrying your post.',
                retryAvailable: true,
                relink: false,
              },
            ],
            remedy: 'Wait for the rate-limit window to pass, then retry the post (PUT /api/post/retry).',
            origin: 'seed',
            docs: 'docs/errors.md#435',
          },
        ],
      },
    ],
  },
);

/** GET /healthz. */
export const Alive = Type.Object({ status: Type.Literal('ok') }, { examples: [{ status: 'ok' }] });

/** GET /readyz: 200 ready or degraded (repairing itself), 503 draining or without its database. */
export const Readiness = Type.Object(
  {
    status: OneOf(['ready', 'degraded', 'draining', 'unavailable']),
    checks: Type.Optional(
      Type.Object({
        database: Type.Optional(Type.String()),
        notifications: Type.Optional(Type.String()),
        worker: Type.Optional(Type.String()),
      }),
    ),
  },
  {
    examples: [
      { status: 'ready', checks: { database: 'ok', notifications: 'listening', worker: 'running' } },
    ],
  },
);
