import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { buildErrorBody } from '../../errors/build.ts';
import { pickLanguage } from '../../errors/translate.ts';
import { inProcessBackend } from '../../mcp/backend.ts';
import { buildMcpServer } from '../../mcp/server.ts';
import { documented } from '../answer.ts';
import { callerOf } from '../operations.ts';
import { ErrorBody, ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

const JsonRpcMessage = Type.Object(
  { jsonrpc: Type.Literal('2.0') },
  {
    additionalProperties: true,
    description: 'A JSON-RPC 2.0 message of the MCP protocol.',
    examples: [
      {
        jsonrpc: '2.0',
        id: 1,
        result: { content: [{ type: 'text', text: '{"status":"success","id":"Ue2xJHmnBVS6xgYzt4bD"}' }] },
      },
    ],
  },
);

/** The transport's own refusals (not acceptable, unsupported type, bad JSON-RPC): its protocol's form. */
const JsonRpcError = Type.Object(
  {
    jsonrpc: Type.Literal('2.0'),
    error: Type.Object({ code: Type.Integer(), message: Type.String() }, { additionalProperties: true }),
    id: Type.Union([Type.Null(), Type.Integer(), Type.String()]),
  },
  {
    additionalProperties: true,
    description: 'A JSON-RPC 2.0 error, answered by the MCP transport itself.',
    examples: [
      {
        jsonrpc: '2.0',
        error: {
          code: -32000,
          message: 'Not Acceptable: Client must accept both application/json and text/event-stream',
        },
        id: null,
      },
    ],
  },
);

// The headers the MCP transport reads; the API key and the profile key stay out of it.
const TRANSPORT_HEADERS = [
  'accept',
  'content-type',
  'mcp-protocol-version',
  'mcp-session-id',
  'last-event-id',
];

function webRequestOf(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const name of TRANSPORT_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(`http://herald${request.url}`, { method: request.method, headers });
}

/** What a stateless server answers to GET (a notification stream) and DELETE (end a session). */

/**
 * /mcp: Herald's MCP server over the streamable HTTP transport, authenticated and scoped
 * like every API route (Bearer key; Profile-Key or profileKey names the profile: the onRequest
 * and preHandler hooks have already refused anything else with the catalog's body). Stateless:
 * each POST gets a fresh server whose tools act as this request's profile, in this process,
 * through the same operations as the REST routes; so any API process can answer any message.
 */
export const registerMcp: RegisterRoute = (server, app) => {
  server.post(
    '/mcp',
    {
      schema: {
        summary: 'MCP server (streamable HTTP): tools to post, validate, retry, read history and analytics',
        description:
          'JSON-RPC messages of the Model Context Protocol. Stateless: no Mcp-Session-Id; answers are JSON. The tools and their arguments: tools/list, and the README’s “MCP server” section.',
        tags: ['mcp'],
        // One message per POST: MCP (2025-06-18) has no batches.
        body: JsonRpcMessage,
        // A body that is not JSON-RPC is refused by the route schema in catalog form; the
        // transport's own refusals (406, 415, ...) are JSON-RPC errors.
        response: { 200: JsonRpcMessage, '4xx': Type.Union([ErrorBody, JsonRpcError]), '5xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const caller = callerOf(app, request);
      const mcp = buildMcpServer({ backend: inProcessBackend(caller, request.id), lang: caller.lang });
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      await mcp.connect(transport);
      try {
        const answer = await transport.handleRequest(webRequestOf(request), { parsedBody: request.body });
        reply.status(answer.status);
        answer.headers.forEach((value, name) => {
          reply.header(name, value);
        });
        // A notification is answered 202 without a body; everything else is one JSON message.
        const text = await answer.text();
        // (Fastify sends no body for undefined; its typed send asks for one of the schemas' bodies.)
        if (text === '') return reply.send(undefined as unknown as { jsonrpc: '2.0' });
        return reply.send(JSON.parse(text) as { jsonrpc: '2.0' });
      } finally {
        await mcp.close();
      }
    },
  );
  for (const method of ['GET', 'DELETE'] as const) {
    server.route({
      method,
      url: '/mcp',
      schema: {
        summary: 'Not allowed (405): the MCP server is stateless',
        tags: ['mcp'],
        hide: method === 'DELETE',
        response: ErrorResponses,
      },
      handler: async (request, reply) =>
        reply
          .status(405)
          .header('allow', 'POST')
          .send(
            documented(
              buildErrorBody(
                {
                  code: 645,
                  params: { method, allowed: 'send each MCP message with POST (the server is stateless)' },
                },
                pickLanguage(request.headers['translate-error-message'] as string | undefined),
              ),
            ),
          ),
    });
  }
};
