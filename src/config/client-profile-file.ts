import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from './config.ts';

/** One named Herald a client can talk to: the file's counterpart of HERALD_URL/API_KEY/PROFILE_KEY. */
export interface ClientProfile {
  url?: string;
  /** A secret: the file holding it must be readable by its owner only. */
  apiKey?: string;
  profileKey?: string;
}

/** `~/.config/herald/config.json`: named entries and the one used when none is named. */
export interface ClientProfileFile {
  default?: string;
  profiles: Record<string, ClientProfile>;
}

/** Where the file is: `$XDG_CONFIG_HOME/herald/config.json`, else `~/.config/herald/config.json`. */
export function profileFilePath(xdgConfigHome: string | undefined): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = xdgConfigHome?.startsWith('/') ? xdgConfigHome : join(homedir(), '.config');
  return join(base, 'herald', 'config.json');
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const validProfileName = (name: string) => NAME.test(name);

/**
 * The file, or undefined when there is none. Refused (ConfigError) when it is not JSON of
 * the expected shape, or when it holds an API key and others than its owner may read or
 * write it: ssh refuses a private key file in that state, for the same reason (the key
 * would be readable by every account on the machine). Never echoes a key.
 */
export function readProfileFile(path: string): ClientProfileFile | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError([`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`]);
  }
  const file = parse(raw, path);
  const holdsKey = Object.values(file.profiles).some((p) => p.apiKey);
  // POSIX modes mean nothing on Windows (ACLs there): the check is for the systems ssh checks on.
  if (holdsKey && process.platform !== 'win32') {
    const { mode, uid } = statSync(path);
    const problems: string[] = [];
    if ((mode & 0o077) !== 0)
      problems.push(
        `${path} holds an API key and is open to others (mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${path}\``,
      );
    if (typeof process.getuid === 'function' && uid !== process.getuid())
      problems.push(`${path} holds an API key and belongs to another user (uid ${uid})`);
    if (problems.length > 0) throw new ConfigError(problems);
  }
  return file;
}

function parse(raw: string, path: string): ClientProfileFile {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ConfigError([`${path} is not JSON`]);
  }
  const problems: string[] = [];
  const root = value as { default?: unknown; profiles?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError([`${path}: expected {"default": "<name>", "profiles": {"<name>": {...}}}`]);
  if (root.default !== undefined && typeof root.default !== 'string')
    problems.push(`${path}: "default" must be a profile name`);
  const profiles: Record<string, ClientProfile> = {};
  const given = root.profiles ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    problems.push(`${path}: "profiles" must be an object of named entries`);
  else
    for (const [name, entry] of Object.entries(given)) {
      if (typeof entry !== 'object' || entry === null) {
        problems.push(`${path}: profile "${name}" must be an object`);
        continue;
      }
      const fields = entry as Record<string, unknown>;
      for (const key of Object.keys(fields))
        if (!['url', 'apiKey', 'profileKey'].includes(key))
          problems.push(`${path}: profile "${name}" has an unknown field "${key}" (url, apiKey, profileKey)`);
        else if (typeof fields[key] !== 'string')
          problems.push(`${path}: profile "${name}": "${key}" must be a string`);
      profiles[name] = fields as ClientProfile;
    }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...(typeof root.default === 'string' ? { default: root.default } : {}), profiles };
}

/**
 * Writes the file readable by its owner only (0600, its folder 0700), through a temporary
 * file renamed over it: a crash never leaves half a file, and the key is never on disk
 * with wider permissions, not even for an instant.
 */
export function writeProfileFile(path: string, file: ClientProfileFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  // open's mode passes through the umask (which can only narrow it): say exactly 0600.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
