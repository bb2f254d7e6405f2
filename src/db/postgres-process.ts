import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The uid/gid PostgreSQL runs as: itself when not root; the `postgres` user initdb was run for, as root. */
async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export interface PostgresProcess {
  /**
   * Smart shutdown (SIGTERM: the server waits for its clients to disconnect, so none is
   * cut off mid-goodbye), fast shutdown (SIGINT) if they have not within `graceMs`.
   * Awaited; safe to call twice.
   */
  stop(graceMs?: number): Promise<void>;
  /** Signals the server without waiting: for the `exit` event, where nothing can be awaited. */
  signalStop(): void;
}

/**
 * Runs the `postgres` server binary of the embedded cluster in a session of its own
 * (`detached`): a Ctrl-C in the terminal, or a signal sent to Herald's process group,
 * must not shut the database down under a Herald that is still draining its in-flight
 * publishes. Herald stops it itself, last. Resolves once it accepts connections.
 */
export async function startPostgresProcess(options: {
  binary: string;
  dataDir: string;
  port: number;
  flags: readonly string[];
  log: (line: string) => void;
}): Promise<PostgresProcess> {
  const child: ChildProcess = spawn(
    options.binary,
    ['-D', options.dataDir, '-p', String(options.port), ...options.flags],
    {
      ...(await runAs()),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      // The readiness line is matched in English whatever the machine's locale.
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.log(text);
      output = (output + text).slice(-4096);
      if (output.includes('database system is ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL exited (${code}) before accepting connections: ${output.trim()}`)),
    );
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const signalStop = () => {
    if (running()) child.kill('SIGINT');
  };
  let stopping: Promise<void> | undefined;
  return {
    signalStop,
    stop(graceMs = 5000) {
      stopping ??= (async () => {
        if (running()) child.kill('SIGTERM');
        const timer = setTimeout(signalStop, graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
