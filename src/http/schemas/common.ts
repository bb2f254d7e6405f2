import { type Static, type TSchema, Type } from 'typebox';
import { CATALOG } from '../../errors/catalog/index.ts';
import { PLATFORMS } from '../../platforms.ts';
import { POST_STATUSES } from '../../posts/rollup.ts';
import { KeepKeyOrder } from './key-order.ts';

/** One of these strings (an enum written as literals, which OpenAPI and the SDK's types keep). */
export function OneOf<const T extends string>(values: readonly T[], options: { description?: string } = {}) {
  return Type.Unsafe<T>(
    Type.Union(
      values.map((value) => Type.Literal(value)),
      options,
    ),
  );
}

/**
 * A code of the catalog (src/errors/catalog/): an enum, so /openapi.json and the SDK's types
 * name every code an answer can carry (the SDK's `CatalogCode` union).
 */
export const CatalogCode = Type.Unsafe<number>({
  type: 'integer',
  enum: CATALOG.map((entry) => entry.code),
  description: 'The catalog code: GET /api/errors says what it means and what to do.',
});

/** `T` or JSON null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An ISO-8601 instant in UTC, as every answer writes dates (`2026-07-08T12:30:00.000Z`). */
export const Instant = (description = 'ISO-8601 instant, UTC.') => Type.String({ description });

export const PlatformId = Type.String({ description: `A network: ${PLATFORMS.join(', ')}.` });

/**
 * One catalog error (docs/errors.md, GET /api/errors), exactly as the seeds print it: its keys
 * come in the order of its variant's shape, so the schema lists them without imposing one.
 */
export const ErrorBody = KeepKeyOrder(
  Type.Object(
    {
      action: Type.Optional(Type.String({ description: 'What was being done: post, delete, comment, ...' })),
      status: Type.Literal('error'),
      code: CatalogCode,
      message: Type.String({ description: 'Translated with the Translate-Error-Message header.' }),
      post: Type.Optional(Type.String({ description: 'The post text, where the seed echoes it (110).' })),
      details: Type.Optional(Type.String({ description: 'The network’s own words or Herald’s diagnosis.' })),
      retryAvailable: Type.Optional(Type.Boolean({ description: 'true: the same call may succeed later.' })),
      relink: Type.Optional(Type.Boolean({ description: 'true: the account must be linked again.' })),
      resolution: Type.Optional(Type.Object({}, { additionalProperties: true })),
      source: Type.Optional(Type.String()),
      platform: Type.Optional(PlatformId),
      errors: Type.Optional(
        Type.Array(Type.Object({}, { additionalProperties: true }), {
          description: 'Per-network bodies of a top-level 441 (every network failed enhancement).',
        }),
      ),
    },
    { description: 'A catalog error: see GET /api/errors and docs/errors.md' },
  ),
);

/** `{status: "error", errors: [...]}`: a call whose every network failed (seed 002's 288, 438). */
export const ErrorsAnswer = KeepKeyOrder(
  Type.Object({
    status: Type.Literal('error'),
    id: Type.Optional(Type.String()),
    errors: Type.Array(ErrorBody),
  }),
);

/** Error answers of a route that only fails with a catalog error. */
export const ErrorResponses = { '4xx': ErrorBody, '5xx': ErrorBody };

/**
 * Error answers whose keys must keep the seed's order (272's analytics body puts
 * `resolution` before `details`): every catalog body keeps its builder's order now
 * (KeepKeyOrder), so this is ErrorResponses; the name stays for the routes that need it.
 */
export const SeedOrderErrorResponses = ErrorResponses;

/** Error answers of a route that may also fail with `others` (an envelope with per-network errors). */
export function errorResponses(...others: TSchema[]) {
  const answer = Type.Union([ErrorBody, ...others]);
  return { '4xx': answer, '5xx': answer };
}

/** One network's entry in `postIds`: published (or deleted), or still pending. */
export const PostIdEntry = Type.Object(
  {
    status: Type.Union([Type.Literal('success'), Type.Literal('deleted'), Type.Literal('pending')]),
    id: Type.String({ description: 'The network’s post id ("pending" while it is being sent).' }),
    postUrl: Type.Optional(Type.String()),
    platform: PlatformId,
  },
  {
    additionalProperties: true,
    description: 'Networks add their own fields (Bluesky `cid`, X `thread`, `sandbox: true`, ...).',
  },
);

/** A warning of a post that was accepted: a feature that did not apply, a network not linked (dry run). */
export const Warning = KeepKeyOrder(
  Type.Object(
    {
      feature: Type.Optional(Type.String()),
      action: Type.Optional(Type.String()),
      status: Type.Optional(Type.String()),
      code: CatalogCode,
      message: Type.String(),
      details: Type.Optional(Type.String()),
      platform: Type.Optional(PlatformId),
    },
    { additionalProperties: true },
  ),
);

export const PostStatus = OneOf(POST_STATUSES, {
  description: 'Computed from the post’s networks (docs/api.md, Post statuses).',
});

/** The POST /api/post answer (also PUT /api/post/retry): keys in the seeds' order. */
export const Envelope = Type.Object(
  {
    status: PostStatus,
    errors: Type.Array(ErrorBody, { description: 'One catalog body per network that failed.' }),
    postIds: Type.Array(PostIdEntry, { description: 'One entry per network published or still running.' }),
    id: Type.Optional(Type.String({ description: 'Herald’s post id.' })),
    post: Type.Optional(Type.String()),
    warnings: Type.Optional(Type.Array(Warning)),
    scheduleDate: Type.Optional(Instant()),
  },
  { additionalProperties: true },
);

/** A property per network, each optional: answers keyed by the networks asked, in the order asked. */
export function perNetwork<T extends TSchema>(value: T) {
  return Object.fromEntries(PLATFORMS.map((p) => [p, Type.Optional(value)])) as Record<
    (typeof PLATFORMS)[number],
    ReturnType<typeof Type.Optional<T>>
  >;
}

/** A schema with its examples (each checked against it by test/api/openapi-complete.test.ts). */
export function withExamples<T extends TSchema>(schema: T, examples: readonly unknown[]): T {
  return { ...schema, examples };
}

/** The examples of a schema made by withExamples or given `examples`. */
export function examplesOf(schema: TSchema): unknown[] {
  return [...((schema as { examples?: unknown[] }).examples ?? [])];
}

/**
 * An object whose keys are data (titles, hosts): `additionalProperties` with the values'
 * schema, which OpenAPI 3.0 and the SDK's generator read (Type.Record's patternProperties
 * they do not).
 */
export function Dictionary<T extends TSchema>(value: T, description: string) {
  return Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value, description });
}

/** Answers that only say it worked. */
export const Success = Type.Literal('success');

/** Text answers (HTML pages, Prometheus text, files): documented by content type, with an example. */
export function textResponse(contentType: string, description: string, example: string) {
  return { description, content: { [contentType]: { schema: Type.String(), example } } };
}

/** A redirect: no body, where to go in Location (with an example of it). */
export function redirectResponse(description: string, example: string) {
  return {
    description,
    type: 'null',
    headers: { location: Type.String({ description: 'Where the browser goes next.', examples: [example] }) },
  };
}
