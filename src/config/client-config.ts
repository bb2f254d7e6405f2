import { DECLARATIONS } from '../connectors/registry.ts';
import { ConfigError } from './config.ts';
import type { Env } from './env.ts';

/** How a client of Herald (`herald mcp`) reaches a running Herald. */
export interface ClientConfig {
  /** Base URL, without a trailing slash. */
  url: string;
  /** A secret: never logged, never printed. */
  apiKey: string;
  profileKey?: string;
  /** Per-call network secrets (X's BYO keys) sent as their headers on every call. */
  requestSecrets: Readonly<Record<string, string>>;
}

/** Header names some network asks for on each call (X's BYO keys), and the variable of each. */
export const SECRET_HEADERS = [
  ...new Set(Object.values(DECLARATIONS).flatMap((d) => d.requestSecrets ?? [])),
].map((header) => ({ header, variable: `HERALD_${header.toUpperCase().replaceAll('-', '_')}` }));

export const CLIENT_VARIABLES: readonly { name: string; default: string; meaning: string }[] = [
  {
    name: 'HERALD_URL',
    default: 'http://127.0.0.1:3000',
    meaning: 'Clients (`herald mcp`): base URL of the Herald they call.',
  },
  {
    name: 'HERALD_PROFILE_KEY',
    default: '(unset)',
    meaning:
      'Clients (`herald mcp`): act as this user profile (sent as `Profile-Key`). Unset: the API key’s primary profile.',
  },
  ...SECRET_HEADERS.map(({ header, variable }) => ({
    name: variable,
    default: '(unset)',
    meaning: `Clients (\`herald mcp\`): sent as the \`${header}\` header on every call (X’s bring-your-own app keys; never logged).`,
  })),
];

/** The client's settings from the environment; every problem at once, as loadConfig does. */
export function clientConfig(env: Env): ClientConfig {
  const problems: string[] = [];
  const url = (env.HERALD_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  try {
    const parsed = new URL(url);
    if (
      !/^https?:$/.test(parsed.protocol) ||
      parsed.username ||
      parsed.password ||
      parsed.search ||
      parsed.hash
    )
      throw new Error();
  } catch {
    // Not echoed: a URL with user:password in it would print the password.
    problems.push('HERALD_URL must be an http(s) URL without credentials, query or fragment');
  }
  const apiKey = env.HERALD_API_KEY ?? '';
  if (apiKey.trim() === '')
    problems.push(
      'HERALD_API_KEY is required: the API key to call Herald with (`herald keys create` makes one)',
    );
  const profileKey = env.HERALD_PROFILE_KEY || undefined;
  const requestSecrets: Record<string, string> = {};
  for (const { header, variable } of SECRET_HEADERS) {
    const value = env[variable];
    if (value) requestSecrets[header] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { url, apiKey: apiKey.trim(), ...(profileKey ? { profileKey } : {}), requestSecrets };
}
