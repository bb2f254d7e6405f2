import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { type LatencySummary, summarize } from './stats.ts';

/** One closed-loop run: what to send, how hard, for how long. Plain data: it crosses the IPC channel. */
export interface LoadPlan {
  /** http://127.0.0.1:<port> */
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** The JSON body apart from `post`, which becomes `bench <n>` with n unique per request. */
  fields: Record<string, unknown>;
  /** First n of this run's `bench <n>` texts. */
  firstN: number;
  /** A response counts as a success only with HTTP 200 and a JSON body whose `status` is this. */
  expectStatus: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  /** Responses that completed inside the measured window (successes and errors). */
  completed: number;
  /** Of those, the ones that were not a success. */
  errors: number;
  /** Errors during the warm-up (not in the table, but worth a look when not 0). */
  warmupErrors: number;
  /** The first error seen, to say what went wrong. */
  firstError?: string;
  /** Every request of the run, warm-up and drain included. */
  sent: number;
  requestsPerSecond: number;
  /** Of the successful responses completed in the window, in ms. */
  latency: LatencySummary;
  /** Epoch ms of the measured window. */
  windowStart: number;
  windowEnd: number;
}

/** One request; resolves to an error description, or undefined on success. */
async function send(
  pool: Pool,
  path: string,
  headers: Record<string, string>,
  expectStatus: string,
  body: string,
): Promise<string | undefined> {
  try {
    const res = await pool.request({ method: 'POST', path, headers, body });
    const text = await res.body.text();
    if (res.statusCode !== 200) return `HTTP ${res.statusCode}: ${text.slice(0, 300)}`;
    const status = (JSON.parse(text) as { status?: unknown }).status;
    if (status !== expectStatus) return `HTTP 200 with status ${String(status)}: ${text.slice(0, 300)}`;
    return undefined;
  } catch (err) {
    return `request failed: ${(err as Error).message}`;
  }
}

/**
 * A closed-loop load generator: `concurrency` clients over as many keep-alive
 * connections, each sending its next request as soon as the previous answer is
 * read. Warm-up first, then the measured window (completions inside it count);
 * at the end no new request starts and the ones in flight are awaited.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const pool = new Pool(plan.origin, {
    connections: plan.concurrency,
    pipelining: 1,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  const headers = { 'content-type': 'application/json', ...plan.headers };
  const latencies: number[] = [];
  let n = plan.firstN;
  let completed = 0;
  let errors = 0;
  let warmupErrors = 0;
  let sent = 0;
  let firstError: string | undefined;

  const startedAt = performance.now();
  const windowStart = startedAt + plan.warmupMs;
  const windowEnd = windowStart + plan.durationMs;
  const epochOffset = Date.now() - startedAt;

  const client = async () => {
    while (performance.now() < windowEnd) {
      const body = JSON.stringify({ post: `bench ${n++}`, ...plan.fields });
      sent++;
      const t0 = performance.now();
      const error = await send(pool, plan.path, headers, plan.expectStatus, body);
      const t1 = performance.now();
      if (error !== undefined) firstError ??= error;
      if (t1 < windowStart) {
        if (error !== undefined) warmupErrors++;
      } else if (t1 <= windowEnd) {
        completed++;
        if (error !== undefined) errors++;
        else latencies.push(t1 - t0);
      }
      // A refused connection fails at once: yield so a dead server cannot spin this loop.
      if (error !== undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  try {
    await Promise.all(Array.from({ length: plan.concurrency }, client));
  } finally {
    await pool.close();
  }
  return {
    completed,
    errors,
    warmupErrors,
    ...(firstError !== undefined ? { firstError } : {}),
    sent,
    requestsPerSecond: (completed - errors) / (plan.durationMs / 1000),
    latency: summarize(latencies),
    windowStart: Math.round(windowStart + epochOffset),
    windowEnd: Math.round(windowEnd + epochOffset),
  };
}
