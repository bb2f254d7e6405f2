import http from 'node:http';
import type { Duplex } from 'node:stream';
import { buildErrorBody, type ErrorSpec, httpStatusOf } from '../errors/build.ts';
import type { Logger } from '../ops/logger.ts';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a control character in
 * a header, a request head past the size limit, a request that never finished) are
 * answered here, on the raw socket, in catalog form: Fastify's own answer is a body
 * of its own shape. Classified by the parser's error code (llhttp `HPE_*`), never its words.
 */

/** What each parser error means, in words a caller can act on. */
const PARSE_PROBLEMS: Readonly<Record<string, string>> = {
  HPE_INVALID_HEADER_TOKEN:
    'a header name or value holds a character HTTP does not allow (a control character or a line break)',
  HPE_INVALID_METHOD: 'the method is not a valid HTTP method',
  HPE_INVALID_URL:
    'the request target is not a valid URL (spaces and control characters must be percent-encoded)',
  HPE_INVALID_VERSION: 'the request line does not end with a valid HTTP version',
  HPE_INVALID_CONTENT_LENGTH: 'the Content-Length header is not a number',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Content-Length and Transfer-Encoding were both sent',
  HPE_INVALID_TRANSFER_ENCODING: 'the Transfer-Encoding header is not valid',
  HPE_INVALID_CHUNK_SIZE: 'a chunk of the body has an invalid size',
  HPE_INVALID_CONSTANT: 'the request is not valid HTTP/1.1',
  HPE_LF_EXPECTED: 'a line of the request head does not end with CRLF',
  HPE_CR_EXPECTED: 'a line of the request head does not end with CRLF',
};

export function clientErrorSpec(error: NodeJS.ErrnoException): ErrorSpec {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { code: 635, params: { limit: http.maxHeaderSize } };
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { code: 636 };
  const problem = (error.code && PARSE_PROBLEMS[error.code]) ?? 'the request is not valid HTTP/1.1';
  return { code: 604, params: { problem } };
}

/** The whole HTTP/1.1 response for a refused request, ready to write on the socket. */
export function rawResponse(spec: ErrorSpec): string {
  const status = httpStatusOf(spec.code);
  const body = JSON.stringify(buildErrorBody(spec));
  return [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Fastify's `clientErrorHandler`: the catalog answer, then the connection is closed. */
export function clientErrorHandler(log: Logger) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const spec = clientErrorSpec(error);
    log.info({ code: error.code, answered: spec.code }, 'request refused by the HTTP parser');
    // As Node does: no status line once a response has begun on this connection.
    const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !current?.headersSent) socket.write(rawResponse(spec));
    socket.destroy(error);
  };
}
