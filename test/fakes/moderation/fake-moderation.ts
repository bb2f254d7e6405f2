import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible moderation endpoint on loopback, answering as OpenAI documents
 * POST /v1/moderations: 200 `{id, model, results: [{flagged, categories,
 * category_scores, category_applied_input_types}]}`, errors as `{error: {message, type,
 * param, code}}` (400 invalid_request_error, 401 for a wrong key, 500 server_error).
 * It flags text containing "kill" as violence and an image whose URL contains "nsfw".
 */

export interface FakeModeration {
  url: string;
  requests: { authorization: string | undefined; body: { model?: string; input?: unknown } }[];
  /** The next answers' status (500, 400...), or undefined for real answers. */
  failWith: number | undefined;
  close(): Promise<void>;
}

const CATEGORIES = ['harassment', 'hate', 'self-harm', 'sexual', 'violence'] as const;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startFakeModeration(apiKey: string): Promise<FakeModeration> {
  const fake: FakeModeration = { url: '', requests: [], failWith: undefined, close: async () => undefined };
  const server = createServer(async (req, res) => {
    const raw = await read(req);
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    let body: { model?: string; input?: unknown };
    try {
      body = JSON.parse(raw);
    } catch {
      return send(400, {
        error: {
          message: 'We could not parse the JSON body of your request.',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
    }
    fake.requests.push({ authorization: req.headers.authorization, body });
    if (req.method !== 'POST' || req.url !== '/v1/moderations')
      return send(404, {
        error: { message: 'Not found', type: 'invalid_request_error', param: null, code: null },
      });
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return send(401, {
        error: {
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    if (fake.failWith === 400)
      return send(400, {
        error: {
          message: 'Invalid image URL.',
          type: 'invalid_request_error',
          param: 'input',
          code: 'invalid_image_url',
        },
      });
    if (fake.failWith !== undefined)
      return send(fake.failWith, {
        error: {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
          param: null,
          code: null,
        },
      });
    const parts = Array.isArray(body.input)
      ? (body.input as Record<string, unknown>[])
      : [{ type: 'text', text: body.input }];
    const text = parts
      .filter((p) => p.type === 'text')
      .map((p) => String(p.text))
      .join(' ');
    const images = parts
      .filter((p) => p.type === 'image_url')
      .map((p) => String((p.image_url as { url: string }).url));
    const violence = /\bkill\b/i.test(text);
    const sexual = images.some((u) => u.includes('nsfw'));
    const categories = Object.fromEntries(
      CATEGORIES.map((c) => [c, (c === 'violence' && violence) || (c === 'sexual' && sexual)]),
    );
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, categories[c] ? 0.93 : 0.0012]));
    const applied = Object.fromEntries(
      CATEGORIES.map((c) => [c, c === 'sexual' || c === 'violence' ? ['text', 'image'] : ['text']]),
    );
    return send(200, {
      id: 'modr-0d9740456c391e43c445bf0f010940c7',
      model: body.model,
      results: [
        {
          flagged: violence || sexual,
          categories,
          category_scores: scores,
          category_applied_input_types: applied,
        },
      ],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/moderations`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
