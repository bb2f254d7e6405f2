import type { Reply } from '../app/post-responses.ts';
import type { ClientConfig } from '../config/client-config.ts';
import type { Backend } from './backend.ts';

/** Herald could not be reached or did not answer JSON: said to the agent in plain words. */
export class HeraldUnreachable extends Error {
  override name = 'HeraldUnreachable';
}

type Call = { method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown };

function query(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Each operation as the REST call that runs it (docs/api.md). */
const CALLS: { [Name in keyof Backend]: (input: Parameters<Backend[Name]>[0]) => Call } = {
  createPost: (body) => ({ method: 'POST', path: '/api/post', body }),
  validatePost: (body) => ({ method: 'POST', path: '/api/validate/post', body }),
  retryPost: (body) => ({ method: 'PUT', path: '/api/post/retry', body }),
  history: (filters) => ({ method: 'GET', path: `/api/history${query({ ...filters })}` }),
  user: () => ({ method: 'GET', path: '/api/user' }),
  getPost: (id) => ({ method: 'GET', path: `/api/post/${encodeURIComponent(id)}` }),
  verifyMedia: (body) => ({ method: 'POST', path: '/api/media/verify', body }),
  analyticsPost: (body) => ({ method: 'POST', path: '/api/analytics/post', body }),
  analyticsSocial: (body) => ({ method: 'POST', path: '/api/analytics/social', body }),
};

/**
 * The operations of a running Herald over its REST API, authenticated with the client's
 * API key (and profile key): Herald enforces the key, the profile and every check; this
 * side holds no database, no network token and no encryption key.
 */
export function remoteBackend(config: ClientConfig, fetchImpl: typeof fetch = fetch): Backend {
  const send = async ({ method, path, body }: Call): Promise<Reply> => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${config.apiKey}`,
      accept: 'application/json',
      ...(config.profileKey ? { 'profile-key': config.profileKey } : {}),
      ...config.requestSecrets,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    let response: Response;
    try {
      response = await fetchImpl(`${config.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new HeraldUnreachable(
        `Herald at ${config.url} could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message}): is it running, and is HERALD_URL right?`,
      );
    }
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      throw new HeraldUnreachable(
        `${config.url}${path.split('?')[0]} answered HTTP ${response.status} with a body that is not JSON: is HERALD_URL a Herald?`,
      );
    }
  };
  const bind =
    <Name extends keyof Backend>(name: Name) =>
    (input: Parameters<Backend[Name]>[0]) =>
      send(CALLS[name](input as never));
  return {
    createPost: bind('createPost'),
    validatePost: bind('validatePost'),
    retryPost: bind('retryPost'),
    history: bind('history'),
    user: bind('user'),
    getPost: bind('getPost'),
    verifyMedia: bind('verifyMedia'),
    analyticsPost: bind('analyticsPost'),
    analyticsSocial: bind('analyticsSocial'),
  };
}
