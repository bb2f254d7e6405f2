import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CommitOutcomeUnknown } from '../db/pool.ts';
import { isTransientDbError } from '../db/transient.ts';
import { buildErrorBody, type ErrorSpec, httpStatusOf } from '../errors/build.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { pickLanguage } from '../errors/translate.ts';
import type { Logger } from '../ops/logger.ts';

/** The longest path segment the router reads (Fastify's default); longer ones answer 634 (414). */
export const MAX_PARAM_LENGTH = 100;

export function languageOf(request: FastifyRequest): string | undefined {
  const header = request.headers['translate-error-message'];
  return pickLanguage(Array.isArray(header) ? header[0] : header);
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns the first schema problem into words a caller can act on: "post is required", "platforms must be array". */
export function describeValidation(issues: readonly ValidationIssue[], context: string | undefined): string {
  const issue = issues[0];
  if (!issue) return 'the request does not match the schema';
  const base = context === 'querystring' ? 'query' : context === 'params' ? 'path' : '';
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  if (issue.keyword === 'required') {
    const missing = String(issue.params?.missingProperty ?? issue.params?.requiredProperties ?? '');
    return `${[base, path, missing].filter(Boolean).join('.')} is required`;
  }
  const where = [base, path].filter(Boolean).join('.') || (base ? base : 'body');
  return `${where} ${issue.message ?? 'is not valid'}`;
}

/** The field a closed schema refused ("query.foo", "firstComment.bar"), if that is the problem. */
export function unknownField(
  issues: readonly ValidationIssue[],
  context: string | undefined,
): string | undefined {
  const issue = issues[0];
  if (issue?.keyword !== 'additionalProperties') return undefined;
  const base = context === 'querystring' ? 'query' : context === 'params' ? 'path' : '';
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const name = String(issue.params?.additionalProperty ?? '').slice(0, 100);
  return [base, path, name].filter(Boolean).join('.');
}

/** What a thrown value means as a catalog spec; `log` when it was unexpected (its stack goes to the log). */
export function specOf(error: unknown, requestId: string): { spec: ErrorSpec; log: boolean } {
  if (error instanceof HeraldError) return { spec: error.spec, log: false };
  if (error instanceof CommitOutcomeUnknown) {
    const resend = 'Read back what this request changes before sending it again.';
    return { spec: { code: 648, params: { resend } }, log: true };
  }
  // The database could not be reached: nothing was changed, and retrying is right.
  if (isTransientDbError(error)) return { spec: { code: 649 }, log: true };
  const fastifyError = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fastifyError.validation) {
    const unknown = unknownField(fastifyError.validation, fastifyError.validationContext);
    if (unknown) return { spec: { code: 631, params: { field: unknown } }, log: false };
    return {
      spec: {
        code: 604,
        params: { problem: describeValidation(fastifyError.validation, fastifyError.validationContext) },
      },
      log: false,
    };
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { spec: { code: 606, params: { limit: '?' } }, log: false };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { spec: { code: 603 }, log: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { spec: { code: 604, params: { problem: 'send the body as application/json' } }, log: false };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        spec: { code: 604, params: { problem: 'the body is not as long as its Content-Length header says' } },
        log: false,
      };
    case 'FST_ERR_BAD_URL':
      return {
        spec: {
          code: 604,
          params: {
            problem: 'the URL path holds a malformed percent-encoding (% must be followed by two hex digits)',
          },
        },
        log: false,
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { spec: { code: 634, params: { limit: MAX_PARAM_LENGTH } }, log: false };
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400)
    return { spec: { code: 603 }, log: false };
  // Any other refusal of Fastify's own (a 4xx it has no catalog code for): still a catalog body.
  const status = fastifyError.statusCode ?? 500;
  if (
    typeof fastifyError.code === 'string' &&
    fastifyError.code.startsWith('FST_') &&
    status >= 400 &&
    status < 500
  ) {
    return {
      spec: { code: 604, params: { problem: `the HTTP layer refused it (${fastifyError.code})` } },
      log: true,
    };
  }
  return { spec: { code: 612, params: { requestId } }, log: true };
}

/**
 * The one HTTP boundary: whatever a route throws becomes a catalog body. An
 * unexpected error becomes 612 with the request id; its stack goes to the log,
 * never to the caller.
 */
export function errorHandler(log: Logger, bodyLimit: number) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { spec, log: shouldLog } = specOf(error, request.id);
    if (shouldLog) log.error({ err: error, reqId: request.id, url: request.url }, 'unhandled error');
    // An upload route names its own limit (691): its JSON body may be larger than the rest.
    const uploadLimit = (request.routeOptions.config as { uploadLimitBytes?: number } | undefined)
      ?.uploadLimitBytes;
    const withLimit =
      spec.code === 606
        ? uploadLimit
          ? { code: 691, params: { limit: uploadLimit } }
          : { ...spec, params: { limit: bodyLimit } }
        : spec;
    return reply.status(httpStatusOf(withLimit.code)).send(buildErrorBody(withLimit, languageOf(request)));
  };
}
