import { createHeraldClient, HeraldApiError } from '@herald/sdk';
import {
  type ClientProfileFile,
  profileFilePath,
  readProfileFile,
  validProfileName,
  writeProfileFile,
} from '../config/client-profile-file.ts';
import { ConfigError } from '../config/config.ts';
import type { Env } from '../config/env.ts';
import { EXIT, note, say, UsageError } from './api-client.ts';
import { readSecret } from './read-secret.ts';

type Flags = Record<string, string | true>;

const USAGE = `herald config set <name> [--url URL] [--profile-key KEY] [--default]   (the API key is read from stdin)
herald config list | herald config use <name> | herald config remove <name>`;

/**
 * `herald config`: the profile file (README "Profile file"). `set` stores a named Herald
 * after checking its key works there (GET /api/user); the key is read from stdin, never
 * from the command line, where shell history and `ps` would keep it.
 */
export async function configCommand(
  env: Env,
  args: string[],
  flags: Flags,
  stdin = process.stdin,
): Promise<number> {
  const path = profileFilePath(env.XDG_CONFIG_HOME);
  const [action, name] = args;
  try {
    const file: ClientProfileFile = readProfileFile(path) ?? { profiles: {} };
    switch (action) {
      case 'list':
        return list(file, path, flags);
      case 'set':
        return await set(file, path, nameOf(name), flags, stdin);
      case 'use':
        if (!file.profiles[nameOf(name)]) throw new UsageError(`no profile "${name}" in ${path}`);
        writeProfileFile(path, { ...file, default: nameOf(name) });
        note(`"${name}" is the default profile now`);
        return EXIT.success;
      case 'remove': {
        if (!file.profiles[nameOf(name)]) throw new UsageError(`no profile "${name}" in ${path}`);
        const { [nameOf(name)]: _removed, ...profiles } = file.profiles;
        writeProfileFile(path, {
          ...(file.default && file.default !== name ? { default: file.default } : {}),
          profiles,
        });
        note(`removed "${name}" from ${path}`);
        return EXIT.success;
      }
      default:
        throw new UsageError(USAGE);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      note(err.message);
      return EXIT.usage;
    }
    if (err instanceof ConfigError) {
      note(err.message);
      return EXIT.failure;
    }
    throw err;
  }
}

function nameOf(name: string | undefined): string {
  if (!name || !validProfileName(name))
    throw new UsageError(`a profile name is letters, digits, . _ - (up to 64)\n${USAGE}`);
  return name;
}

/** Names, URLs and profile keys; never an API key (its last 4 characters only). */
function list(file: ClientProfileFile, path: string, flags: Flags): number {
  const rows = Object.entries(file.profiles).map(([name, p]) => ({
    name,
    default: name === file.default,
    url: p.url ?? 'http://127.0.0.1:3000',
    apiKey: p.apiKey ? `…${p.apiKey.slice(-4)}` : '(none)',
    ...(p.profileKey ? { profileKey: p.profileKey } : {}),
  }));
  if (flags.json) say(JSON.stringify({ path, profiles: rows }));
  else if (rows.length === 0) say(`no profile in ${path} (herald config set <name> adds one)`);
  else
    for (const r of rows)
      say(
        `${r.default ? '*' : ' '} ${r.name.padEnd(12)} ${r.url}  key ${r.apiKey}${r.profileKey ? `  profile ${r.profileKey}` : ''}`,
      );
  return EXIT.success;
}

async function set(
  file: ClientProfileFile,
  path: string,
  name: string,
  flags: Flags,
  stdin: NodeJS.ReadStream,
): Promise<number> {
  if (flags['api-key'] !== undefined)
    throw new UsageError('--api-key is not taken on the command line (shell history, ps): pipe it to stdin');
  const before = file.profiles[name] ?? {};
  const url = (typeof flags.url === 'string' ? flags.url : (before.url ?? 'http://127.0.0.1:3000')).replace(
    /\/+$/,
    '',
  );
  const profileKey = typeof flags['profile-key'] === 'string' ? flags['profile-key'] : before.profileKey;
  const apiKey = (await readSecret(stdin, `API key for ${url}: `)).trim();
  if (apiKey === '') throw new UsageError(`no API key on stdin\n${USAGE}`);
  // The key is checked where it will be used before it is kept: a typo shows now, not on the next post.
  try {
    const user = await createHeraldClient({
      baseUrl: url,
      apiKey,
      ...(profileKey ? { profileKey } : {}),
    }).user();
    note(`the key works at ${url} (profile "${user.title ?? 'primary'}")`);
  } catch (err) {
    if (err instanceof HeraldApiError) note(`error ${err.code ?? err.status}: ${err.message}`);
    else note(`cannot reach Herald at ${url}: ${String((err as Error).cause ?? (err as Error).message)}`);
    note('nothing saved');
    return EXIT.failure;
  }
  const isDefault = flags.default === true || file.default === undefined;
  writeProfileFile(path, {
    ...(isDefault ? { default: name } : file.default ? { default: file.default } : {}),
    profiles: { ...file.profiles, [name]: { url, apiKey, ...(profileKey ? { profileKey } : {}) } },
  });
  note(`saved "${name}" in ${path} (mode 600)${isDefault ? ', the default profile' : ''}`);
  return EXIT.success;
}
