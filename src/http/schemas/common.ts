import { Type } from 'typebox';

/** Error bodies are documented once (docs/errors.md); the spec points there. */
export const ErrorBody = Type.Object(
  {
    action: Type.Optional(Type.String()),
    status: Type.Optional(Type.String()),
    code: Type.Optional(Type.Integer()),
    message: Type.Optional(Type.String()),
    details: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  },
  { additionalProperties: true, description: 'A catalog error: see GET /api/errors and docs/errors.md' },
);

export const ErrorResponses = {
  '4xx': ErrorBody,
  '5xx': ErrorBody,
};

/**
 * Error answers whose keys must keep the seed's order (272's analytics body puts
 * `resolution` before `details`): a schema that names no property, since the serializer
 * writes named properties first, in the schema's order.
 */
const SeedOrderErrorBody = Type.Object(
  {},
  { additionalProperties: true, description: 'A catalog error: see GET /api/errors and docs/errors.md' },
);
export const SeedOrderErrorResponses = { '4xx': SeedOrderErrorBody, '5xx': SeedOrderErrorBody };

export const Envelope = Type.Object(
  {
    status: Type.String(),
    errors: Type.Array(Type.Object({}, { additionalProperties: true })),
    postIds: Type.Array(Type.Object({}, { additionalProperties: true })),
    id: Type.Optional(Type.String()),
    post: Type.Optional(Type.String()),
    scheduleDate: Type.Optional(Type.String()),
    warnings: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  },
  { additionalProperties: true },
);

export const AnyObject = Type.Object({}, { additionalProperties: true });
