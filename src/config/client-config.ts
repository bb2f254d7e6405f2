import { DECLARATIONS } from '../connectors/declarations.ts';
import { type ClientProfile, profileFilePath, readProfileFile } from './client-profile-file.ts';
import { ConfigError } from './config.ts';
import type { Env } from './env.ts';

/** How a client of Herald (`herald mcp`) reaches a running Herald. */
export interface ClientConfig {
  /** Base URL, without a trailing slash. */
  url: string;
  /** A secret: never logged, never printed. */
  apiKey: string;
  profileKey?: string;
  /** The profile file's entry these settings came from, if any (`herald config`). */
  profileName?: string;
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
    name: 'HERALD_PROFILE',
    default: '(the file’s `default`)',
    meaning:
      'Clients (`herald mcp`, the CLI): which named entry of the profile file to use (`--profile` wins over it). README "Profile file".',
  },
  {
    name: 'XDG_CONFIG_HOME',
    default: '`~/.config`',
    meaning:
      'Clients: the profile file is `$XDG_CONFIG_HOME/herald/config.json` (an absolute path; a relative one is ignored).',
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

/**
 * The client's settings: the environment first, then the profile file's entry (README
 * "Profile file"), then the defaults; every problem at once, as loadConfig does. The entry is
 * `--profile` (options.profile), else HERALD_PROFILE, else the file's `default`, else its only
 * one. Each variable (HERALD_URL, HERALD_API_KEY, HERALD_PROFILE_KEY) overrides its field,
 * unless `--profile` named the entry: a flag on the command line wins over the environment,
 * and a key is never sent to a URL from elsewhere than its own entry.
 */
export function clientConfig(env: Env, options: { profile?: string } = {}): ClientConfig {
  const problems: string[] = [];
  const path = profileFilePath(env.XDG_CONFIG_HOME);
  const chosen = profileEntry(path, options.profile ?? (env.HERALD_PROFILE || undefined));
  const fromEnv = (value: string | undefined) => (options.profile ? undefined : value || undefined);
  const entry = chosen?.entry ?? {};
  const url = (fromEnv(env.HERALD_URL) ?? entry.url ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
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
    problems.push(
      `${chosen ? `the URL of profile "${chosen.name}" in ${path}` : 'HERALD_URL'} must be an http(s) URL without credentials, query or fragment`,
    );
  }
  const apiKey = fromEnv(env.HERALD_API_KEY) ?? entry.apiKey ?? '';
  if (apiKey.trim() === '')
    problems.push(
      chosen
        ? `profile "${chosen.name}" in ${path} has no apiKey (\`herald config set ${chosen.name}\` stores one)`
        : `HERALD_API_KEY is required: the API key to call Herald with (\`herald keys create\` makes one), or a profile file (\`herald config set <name>\` writes ${path})`,
    );
  const profileKey = fromEnv(env.HERALD_PROFILE_KEY) ?? (entry.profileKey || undefined);
  const requestSecrets: Record<string, string> = {};
  for (const { header, variable } of SECRET_HEADERS) {
    const value = env[variable];
    if (value) requestSecrets[header] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    url,
    apiKey: apiKey.trim(),
    ...(profileKey ? { profileKey } : {}),
    ...(chosen ? { profileName: chosen.name } : {}),
    requestSecrets,
  };
}

/** The entry named (an unknown name is an error), else the file's default or only entry. */
function profileEntry(
  path: string,
  named: string | undefined,
): { name: string; entry: ClientProfile } | undefined {
  const file = readProfileFile(path);
  const names = Object.keys(file?.profiles ?? {});
  const name = named ?? file?.default ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined) return undefined;
  const entry = file?.profiles[name];
  if (!entry)
    throw new ConfigError([
      `no profile "${name}" in ${path}${names.length ? ` (it has ${names.join(', ')})` : ''}: \`herald config set ${name}\` adds it`,
    ]);
  return { name, entry };
}
