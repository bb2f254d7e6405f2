import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { type Herald, startHerald } from '../../src/app/start.ts';
import { loadConfig, type Role } from '../../src/config/config.ts';
import type { SerializationLoss } from '../../src/http/serialization-check.ts';
import type { Resolver } from '../../src/media/url-decision.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { createTestDatabase } from './database.ts';

export const API_KEY = 'test-primary-key-0123456789';

export interface TestHerald {
  herald: Herald;
  databaseUrl: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> & { [key: string]: unknown } }>;
  /** Counts rows of a table: what "stores nothing" is checked with. */
  count(table: 'posts' | 'targets' | 'accounts' | 'profiles' | 'links' | 'link_clicks'): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Herald in-process on a fresh database (real PostgreSQL): API through
 * fastify's inject, the worker running for real. Env overrides tune it per test.
 */
export async function startTestHerald(
  options: {
    env?: Record<string, string>;
    role?: Role;
    databaseUrl?: string;
    /** Where log lines go (a test that reads the logs); default: nowhere (level silent). */
    logTo?: (line: string) => void;
    /** Listen on a loopback port (a real browser must reach it); HERALD_PUBLIC_URL is that address. */
    listen?: boolean;
    /** Resolves the host names of user-given URLs instead of DNS (the SSRF corpus). */
    resolve?: Resolver;
  } = {},
): Promise<TestHerald> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const port = options.listen ? await freePort() : undefined;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    HERALD_API_KEY: API_KEY,
    // One key per database: several Herald processes on one database share it, as in production.
    HERALD_SECRET_KEY: createHash('sha256').update(databaseUrl).digest('base64'),
    HERALD_LOG_LEVEL: 'silent',
    HERALD_POST_WAIT_MS: '10000',
    HERALD_DATA_DIR: '.tmp/test-data',
    // Tests send far more than Ayrshare's 300 requests per 5 minutes to one profile; every
    // request is still counted (and answered with the headers). Rate-limit tests set their own.
    HERALD_RATE_LIMIT_PROFILE: '10000000',
    ...(port ? { HERALD_PORT: String(port), HERALD_PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    ...options.env,
  });
  const logger = options.logTo
    ? createLogger('debug', { write: (line: string) => options.logTo?.(line) })
    : createLogger(config.logLevel);
  // Every answer is checked against what its handler returned: a response schema that drops
  // or coerces a field (or reorders a seed body's keys) fails the test file at stop().
  const losses: SerializationLoss[] = [];
  const herald = await startHerald(config, options.role ?? 'all', logger, options.listen === true, {
    ...(options.resolve ? { resolve: options.resolve } : {}),
    onSerializationLoss: (loss) => {
      losses.push(loss);
      process.stderr.write(`response schema changed an answer: ${describeLoss(loss)}\n`);
    },
  });
  return {
    herald,
    databaseUrl,
    async request(method, url, body, headers = {}) {
      if (!herald.server) throw new Error('this Herald has no API role');
      const response = await herald.server.inject({
        method,
        url,
        headers: { authorization: `Bearer ${API_KEY}`, ...headers },
        ...(body === undefined
          ? {}
          : typeof body === 'string'
            ? { payload: body }
            : { payload: body as object }),
      });
      return { status: response.statusCode, body: response.body ? response.json() : {} };
    },
    async count(table) {
      const { rows } = await herald.app.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(rows[0]?.n ?? 0);
    },
    async stop() {
      await herald.stop();
      if (losses.length > 0)
        throw new Error(
          `${losses.length} answer(s) changed by their response schema:\n${losses.map(describeLoss).join('\n')}`,
        );
    },
  };
}

function describeLoss(loss: SerializationLoss): string {
  return `${loss.method} ${loss.route} ${loss.status}: ${loss.problem}\n  handler: ${loss.handlerBody.slice(0, 2000)}\n  sent:    ${loss.sentBody.slice(0, 2000)}`;
}

/** A loopback port nobody listens on now (the OS hands it out, then it is released for Herald). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * X's bring-your-own app keys (seed 002, 419): every X request needs them, a sandbox
 * X account's included (it refuses what X would).
 */
export const X_KEYS: Readonly<Record<string, string>> = {
  'x-twitter-oauth1-api-key': 'test-consumer-key',
  'x-twitter-oauth1-api-secret': 'test-consumer-secret',
};

/** Links sandbox accounts of these networks to the profile the headers select (X with its BYO keys). */
export async function linkSandbox(
  t: TestHerald,
  platforms: readonly string[],
  headers: Record<string, string> = {},
) {
  for (const platform of platforms) {
    const res = await t.request(
      'POST',
      '/api/accounts',
      { platform, credentials: { sandbox: true } },
      platform === 'twitter' ? { ...X_KEYS, ...headers } : headers,
    );
    if (res.status !== 200) throw new Error(`linking ${platform}: ${JSON.stringify(res.body)}`);
  }
}
