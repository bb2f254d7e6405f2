import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * Runs ffmpeg or ffprobe as a child process: never in Herald's event loop, so an
 * encode never blocks the API. Each run has a wall-clock cap (SIGKILL past it) and,
 * where util-linux's `prlimit` exists, an address-space cap (RLIMIT_AS): the kernel
 * then refuses the encoder memory past the cap and the run fails instead of pushing
 * the machine into swap. RLIMIT_AS is set on the child alone (prlimit execs ffmpeg in
 * place), unlike `ulimit -v` in a shell, and unlike ffmpeg's own `-max_alloc` it caps
 * the total, not one allocation. Inputs are local files only (`-protocol_whitelist
 * file,pipe`), so no playlist or reference inside a media file makes ffmpeg reach
 * the network behind Herald's SSRF guard.
 */

export interface RunLimits {
  timeoutMs: number;
  /** RLIMIT_AS in bytes; 0: none. */
  memoryBytes: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  /** The last 16 KiB of stderr: what ffmpeg said when it failed. */
  stderr: string;
  timedOut: boolean;
}

const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((file) => existsSync(file));
const STDERR_KEPT = 16 * 1024;

export function runBinary(
  binary: string,
  args: readonly string[],
  limits: RunLimits,
  options: { maxStdout?: number; signal?: AbortSignal } = {},
): Promise<RunResult> {
  const [command, argv] =
    PRLIMIT && limits.memoryBytes > 0
      ? [PRLIMIT, [`--as=${limits.memoryBytes}`, '--', binary, ...args]]
      : [binary, [...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outSize = 0;
    let err = '';
    let timedOut = false;
    const maxStdout = options.maxStdout ?? 64 * 1024 * 1024;
    child.stdout.on('data', (chunk: Buffer) => {
      outSize += chunk.length;
      if (outSize <= maxStdout) out.push(chunk);
      else child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-STDERR_KEPT);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    const abort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err, timedOut });
    });
  });
}

/**
 * At most one encode per CPU in this process: each encode runs with `-threads 1`
 * (fix-args.ts), so encoders use at most every core and the rest waits its turn
 * instead of slowing every encode and the API with them.
 */
export class EncodeQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly slots: number = Math.max(1, availableParallelism())) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
