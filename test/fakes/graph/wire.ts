import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, statusOf } from './meta-errors.ts';
import type { Answer } from './routes.ts';
import type { Family, GraphState } from './state.ts';

/** The fake's HTTP details: parameters from query and form, the token, Meta's headers. */

export async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const json = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(json).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export function tokenOf(req: IncomingMessage, params: Record<string, string>): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header) : null;
  return match?.[1] ?? params.access_token;
}

/** Usage headers as JSON strings; absent on a token's first call ("once enough calls have been made"). */
export function usageHeaders(
  state: GraphState,
  token: string,
  owner: string | undefined,
  family: Family | undefined,
) {
  const calls = (state.callsByToken.get(token) ?? 0) + 1;
  state.callsByToken.set(token, calls);
  if (calls === 1) return {};
  const headers: Record<string, string> = {
    'x-app-usage': JSON.stringify({ call_count: Math.min(100, calls), total_cputime: 1, total_time: 1 }),
  };
  if (owner && family !== 'th') {
    const type = family === 'ig' ? 'instagram' : 'pages';
    headers['x-business-use-case-usage'] = JSON.stringify({
      [owner]: [
        {
          type,
          call_count: Math.min(100, calls),
          total_cputime: 1,
          total_time: 1,
          estimated_time_to_regain_access: 0,
        },
      ],
    });
  }
  return headers;
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'x-fb-trace-id': 'Fake',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export function sendAnswer(res: ServerResponse, answer: Answer, headers: Record<string, string>): void {
  if ('error' in answer) send(res, statusOf(answer.error), errorBody(answer.error), headers);
  else send(res, answer.status, answer.body, headers);
}
