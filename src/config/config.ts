import path from 'node:path';
import { type AllowList, parseAllowList } from '../media/allow-list.ts';
import { PLATFORMS, type Platform } from '../platforms.ts';
import type { Env } from './env.ts';
import {
  MEDIA_LIBRARY_VARIABLES,
  type MediaLibraryConfig,
  mediaLibraryConfig,
} from './media-library-config.ts';
import { METRICS_VARIABLES, type MetricsConfig, metricsConfig } from './metrics-config.ts';
import {
  MODERATION_VARIABLES,
  type ModerationProviderConfig,
  moderationConfig,
} from './moderation-config.ts';
import { NETWORK_DEFAULTS, networkEnvName } from './networks.ts';
import { RATE_LIMIT_VARIABLES, type RateLimitConfig, rateLimitConfig } from './rate-limit-config.ts';
import { SHORT_LINKS_VARIABLES, type ShortLinksConfig, shortLinksConfig } from './short-links-config.ts';

export type Role = 'api' | 'worker' | 'all';

export interface NetworkEndpoint {
  url: string;
  version?: string;
  /** Overrides the declaration's rolling 24 h budget (Meta's docs disagree on Instagram's). */
  dailyBudget?: number;
  /** A second host the network serves metrics from (YouTube Analytics, Business Profile Performance). */
  analyticsUrl?: string;
}

/**
 * The operator's own app at a network, for the connect page (OAuth client id and secret)
 * and for refreshing the tokens it issued. `authUrl` replaces the host of the network's
 * authorize and token endpoints (a proxy or a test double); unset, each has its real host.
 */
export interface LinkingClient {
  clientId?: string;
  /** A secret: never logged, never in an error message. */
  clientSecret?: string;
  authUrl?: string;
}

export interface Config {
  mode: 'development' | 'production';
  host: string;
  port: number;
  dataDir: string;
  /** Undefined: Herald starts its embedded PostgreSQL in `dataDir/postgres`. */
  databaseUrl?: string;
  embeddedPgPort: number;
  /** Becomes the primary API key on first start, when set. */
  initialApiKey?: string;
  /** 32-byte key for AES-256-GCM of network credentials; generated in dataDir in development. */
  secretKey?: Buffer;
  logLevel: string;
  postWaitMs: number;
  bodyLimitBytes: number;
  workerConcurrency: number;
  /** Sends in flight at once per linked account (a declaration may ask for fewer). */
  accountConcurrency: number;
  /** PostgreSQL connections per process, whatever the worker's concurrency (a job holds none while it waits on a network). */
  dbPoolSize: number;
  /** How long start waits for a DATABASE_URL that refuses connections yet (src/db/wait-for-database.ts). */
  dbStartWaitMs: number;
  /** Longest one statement of Herald's pool may run, lock waits included (0: no limit). */
  dbStatementTimeoutMs: number;
  publishTimeoutMs: number;
  maxAutoRetries: number;
  shutdownGraceMs: number;
  /** A scheduled post first taken up later than this past its due time fails as missed (677). */
  missedGraceMs: number;
  networks: Readonly<Record<Platform, NetworkEndpoint>>;
  /** The operator's app per network (`HERALD_<NETWORK>_CLIENT_ID`, `_CLIENT_SECRET`, `_AUTH_URL`). */
  linking: Readonly<Record<Platform, LinkingClient>>;
  /** Client secret of the TikTok app: verifies the signature of TikTok's webhooks. */
  tiktokClientSecret?: string;
  /** Base URL networks fetch Herald-served media from (GET /media/:file), without a trailing slash. */
  publicUrl: string;
  media: MediaConfig;
  /** How long a network's metrics are reused before it is asked again (unless it says otherwise). */
  analyticsCacheSeconds: number;
  mediaLibrary: MediaLibraryConfig;
  shortLinks: ShortLinksConfig;
  /** An external moderation provider; undefined: the local engine only. */
  moderationProvider?: ModerationProviderConfig;
  webhooks: WebhookConfig;
  metrics: MetricsConfig;
  /** Requests per profile and per API key (HERALD_RATE_LIMIT_*). */
  rateLimit: RateLimitConfig;
}

export interface WebhookConfig {
  /** Deliveries at once per worker process, apart from publish jobs; 0: this process delivers none. */
  concurrency: number;
  /** Delay before each retry, in order; after the last one fails the event is dead-lettered. */
  retryScheduleMs: readonly number[];
  /** A receiver must answer 2xx within this. */
  timeoutMs: number;
}

/**
 * Svix's schedule: the first attempt at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
 * 10 h (27.6 h in all; each delay drawn within ±10 %, so never under 24 h 49 min).
 */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

export interface MediaConfig {
  /** Non-public hosts and blocks the media fetcher may still reach (tests, intranets). */
  allow: AllowList;
  maxBytes: number;
  timeoutMs: number;
  cacheTtlMs: number;
  /** A signed media URL must stay valid this long past the post time. */
  presignedMarginMs: number;
  /** Run media checks and conversion for sandbox accounts too. */
  sandboxChecks: boolean;
  /** Where converted files are kept: local disk (`dataDir/media`) or an S3-compatible bucket. */
  store: MediaStoreConfig;
  /** Stored files older than this are deleted by the hourly cleanup; 0 keeps them forever. */
  retentionMs: number;
}

export type MediaStoreConfig = { kind: 'local' } | ({ kind: 's3' } & S3StoreConfig);

export interface S3StoreConfig {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  /** A secret: never logged, never in an error message. */
  secretAccessKey: string;
  /** Folder inside the bucket; empty: the bucket's root. */
  prefix: string;
}

/** Shortest non-zero retention: networks fetch a converted file minutes after it is stored, never hours. */
export const MIN_MEDIA_RETENTION_MS = 3_600_000;

/** One row per variable: the README's configuration table is generated from this list. */
export const CONFIG_VARIABLES: readonly { name: string; default: string; meaning: string }[] = [
  { name: 'HERALD_HOST', default: '127.0.0.1', meaning: 'Interface the HTTP API listens on.' },
  { name: 'HERALD_PORT', default: '3000', meaning: 'Port of the HTTP API.' },
  {
    name: 'HERALD_DATA_DIR',
    default: './data',
    meaning: 'Data folder: embedded PostgreSQL cluster, generated secret key (development).',
  },
  {
    name: 'DATABASE_URL',
    default: '(unset)',
    meaning: 'PostgreSQL 14+ to use. Unset: Herald starts its own embedded PostgreSQL in the data folder.',
  },
  {
    name: 'HERALD_DB_START_WAIT_MS',
    default: '60000',
    meaning:
      'How long `herald serve`, `herald migrate` and `herald keys` wait at start for a DATABASE_URL that refuses connections (PostgreSQL still starting, its host not up yet), then exit 1 saying why. A wrong password or a missing database fails at once. 0: no wait.',
  },
  {
    name: 'HERALD_DB_STATEMENT_TIMEOUT_MS',
    default: '60000',
    meaning:
      'Longest one SQL statement of an API request or a job may run, waiting for a lock included. Past it PostgreSQL cancels the statement and rolls its transaction back: the request is answered 503 with code 649 (nothing changed, retry) and a job tries again later. 0: no limit.',
  },
  {
    name: 'HERALD_EMBEDDED_PG_PORT',
    default: '54329',
    meaning:
      'Port of the embedded PostgreSQL: it listens on 127.0.0.1 and on a Unix socket in its data folder (`.s.PGSQL.<port>`), which Herald itself uses.',
  },
  {
    name: 'HERALD_API_KEY',
    default: '(unset)',
    meaning:
      'On first start only: becomes the primary API key instead of a generated one (automation). Clients (`herald mcp`): the API key they call Herald with.',
  },
  {
    name: 'HERALD_SECRET_KEY',
    default: '(generated in development)',
    meaning:
      '32 bytes, base64 or hex: encrypts network credentials (AES-256-GCM). Required when HERALD_ENV=production.',
  },
  { name: 'HERALD_ENV', default: 'development', meaning: '`development` or `production` (stricter checks).' },
  {
    name: 'HERALD_LOG_LEVEL',
    default: 'info',
    meaning: 'pino level: fatal, error, warn, info, debug, trace, silent.',
  },
  {
    name: 'HERALD_POST_WAIT_MS',
    default: '30000',
    meaning: 'How long POST /api/post waits for its networks before answering `pending`.',
  },
  { name: 'HERALD_BODY_LIMIT_BYTES', default: '1048576', meaning: 'Largest accepted request body.' },
  {
    name: 'HERALD_WORKER_CONCURRENCY',
    default: '200',
    meaning:
      'Publish jobs run at once per worker process. A job holds no database connection while it waits on a network, so this is not bounded by `HERALD_DB_POOL_SIZE`.',
  },
  {
    name: 'HERALD_ACCOUNT_CONCURRENCY',
    default: '16',
    meaning:
      'Sends in flight at once to one linked account (a network may declare fewer); more wait for a slot, up to 15 s, then go back to the queue.',
  },
  {
    name: 'HERALD_DB_POOL_SIZE',
    default: '20',
    meaning:
      "PostgreSQL connections per Herald process (API and worker share them), plus one for notifications, and up to 4 for POST /api/post's group commit.",
  },
  {
    name: 'HERALD_PUBLISH_TIMEOUT_MS',
    default: '60000',
    meaning: 'Longest one publish attempt may take; past it the outcome is unknown (target `unconfirmed`).',
  },
  {
    name: 'HERALD_MAX_AUTO_RETRIES',
    default: '3',
    meaning: 'Automatic retries of a target the network refused in a retryable way (rate limit, 5xx).',
  },
  {
    name: 'HERALD_SHUTDOWN_GRACE_MS',
    default: '30000',
    meaning: 'On SIGTERM, how long in-flight publishes may finish before the process exits.',
  },
  {
    name: 'HERALD_MISSED_GRACE_MS',
    default: '3600000',
    meaning:
      'A scheduled post that no worker took up by its time is still published up to this late (1 hour); later, it fails as missed (code 677).',
  },
  {
    name: 'HERALD_<NETWORK>_API_URL',
    default: 'the network’s real API',
    meaning: 'Base URL of a network’s API (e.g. HERALD_BLUESKY_API_URL), for a proxy or a test double.',
  },
  {
    name: 'HERALD_<NETWORK>_API_VERSION',
    default: 'current version',
    meaning: 'API version where the network has one (Graph API, LinkedIn-Version, ...).',
  },
  {
    name: 'HERALD_<NETWORK>_ANALYTICS_API_URL',
    default: 'the network’s real metrics API',
    meaning:
      'Base URL of the second host a network serves metrics from: YouTube Analytics (HERALD_YOUTUBE_ANALYTICS_API_URL) and Business Profile Performance (HERALD_GMB_ANALYTICS_API_URL).',
  },
  {
    name: 'HERALD_ANALYTICS_CACHE_SECONDS',
    default: '600',
    meaning:
      'How long a network’s metrics and history are reused (the answer’s `nextUpdate`) before the network is asked again (60 to 86400).',
  },
  {
    name: 'HERALD_<NETWORK>_DAILY_BUDGET',
    default: 'the network’s documented cap',
    meaning:
      'Posts per account per rolling 24 h, enforced before the call (Instagram 50, Threads 250, LinkedIn 150, TikTok 15; 1 to 100000). The count is exact and costs the same whatever the budget: published posts are counted per hour as they are published.',
  },
  {
    name: 'HERALD_<NETWORK>_CLIENT_ID',
    default: '(unset)',
    meaning:
      'Client id (TikTok: client key) of your app at the network: lets end users link accounts on the connect page. Unset: the page shows the network as not configured.',
  },
  {
    name: 'HERALD_<NETWORK>_CLIENT_SECRET',
    default: '(unset)',
    meaning: 'Client secret of that app: exchanges authorization codes and refreshes tokens (never logged).',
  },
  {
    name: 'HERALD_<NETWORK>_AUTH_URL',
    default: 'the network’s real authorization hosts',
    meaning:
      'Base URL that replaces the host of the network’s authorize and token endpoints (e.g. HERALD_LINKEDIN_AUTH_URL), for a proxy or a test double.',
  },
  {
    name: 'HERALD_PUBLIC_URL',
    default: 'http://<HERALD_HOST>:<HERALD_PORT>',
    meaning: 'Public base URL of Herald: networks fetch converted media from <this>/media/<file>.',
  },
  {
    name: 'HERALD_MEDIA_ALLOW',
    default: '(empty)',
    meaning:
      'Comma-separated hosts, IPs or CIDR blocks the media fetcher may reach although not public (tests, intranet media servers).',
  },
  {
    name: 'HERALD_MEDIA_MAX_BYTES',
    default: '1073741824',
    meaning:
      'Largest media file Herald downloads or streams to a network (videos included; images are read whole only up to 64 MiB).',
  },
  {
    name: 'HERALD_MEDIA_TIMEOUT_MS',
    default: '15000',
    meaning: 'Longest wait for a media answer (and, while a video streams to a network, for its next bytes).',
  },
  {
    name: 'HERALD_MEDIA_CACHE_TTL_MS',
    default: '60000',
    meaning: 'How long media check results are reused per URL (0: never).',
  },
  {
    name: 'HERALD_PRESIGNED_MARGIN_MS',
    default: '900000',
    meaning: 'A signed media URL (S3, GCS, CloudFront) must stay valid this long past the post time.',
  },
  {
    name: 'HERALD_SANDBOX_MEDIA_CHECKS',
    default: 'false',
    meaning:
      '`true`: sandbox accounts get the media checks and conversion too (their media must then be reachable).',
  },
  {
    name: 'HERALD_MEDIA_STORE',
    default: 'local',
    meaning:
      'Where converted media are kept: `local` (HERALD_DATA_DIR/media) or `s3` (an S3-compatible bucket that every Herald process shares).',
  },
  {
    name: 'HERALD_MEDIA_RETENTION_MS',
    default: '604800000',
    meaning:
      'Converted media older than this are deleted by an hourly cleanup (7 days; at least 1 hour; 0: kept forever).',
  },
  {
    name: 'HERALD_S3_ENDPOINT',
    default: '(unset)',
    meaning:
      'With `s3`: base URL of the S3 API (https://s3.eu-west-1.amazonaws.com, MinIO, R2, Ceph, Garage); path-style requests.',
  },
  { name: 'HERALD_S3_BUCKET', default: '(unset)', meaning: 'With `s3`: the bucket.' },
  {
    name: 'HERALD_S3_REGION',
    default: 'us-east-1',
    meaning: 'With `s3`: the region requests are signed for (R2: `auto`).',
  },
  { name: 'HERALD_S3_ACCESS_KEY_ID', default: '(unset)', meaning: 'With `s3`: access key id.' },
  {
    name: 'HERALD_S3_SECRET_ACCESS_KEY',
    default: '(unset)',
    meaning: 'With `s3`: secret access key (never logged).',
  },
  {
    name: 'HERALD_S3_PREFIX',
    default: '(empty)',
    meaning: 'With `s3`: folder inside the bucket for Herald’s files (e.g. `herald/media`).',
  },
  {
    name: 'HERALD_WEBHOOK_CONCURRENCY',
    default: '4',
    meaning:
      'Webhook deliveries at once per worker process, in their own job runner (a slow receiver never takes a publish slot); 0: this process delivers none.',
  },
  {
    name: 'HERALD_WEBHOOK_RETRY_SCHEDULE',
    default: '5000,300000,1800000,7200000,18000000,36000000,36000000',
    meaning:
      'Milliseconds before each retry of a webhook the receiver did not take (each ±10 % jitter); after the last, the event is dead-lettered (`failed`, resendable). Default: 8 attempts over 27.6 h.',
  },
  {
    name: 'HERALD_WEBHOOK_TIMEOUT_MS',
    default: '10000',
    meaning: 'A webhook receiver must answer 2xx within this; anything else is retried.',
  },
  {
    name: 'HERALD_TIKTOK_CLIENT_SECRET',
    default: '(unset)',
    meaning:
      'Client secret of your TikTok app: verifies TikTok-Signature on POST /api/webhooks/tiktok (unset: every delivery is refused).',
  },
  ...MEDIA_LIBRARY_VARIABLES,
  ...SHORT_LINKS_VARIABLES,
  ...MODERATION_VARIABLES,
  ...METRICS_VARIABLES,
  ...RATE_LIMIT_VARIABLES,
];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`configuration has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}; got "${raw}"`);
    return fallback;
  }
  return value;
}

export function parseSecretKey(raw: string): Buffer | undefined {
  const trimmed = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const decoded = Buffer.from(trimmed, 'base64');
  return decoded.length === 32 ? decoded : undefined;
}

/** Where Herald is reached when HERALD_PUBLIC_URL is unset: its own listening address. */
function defaultPublicUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function plainHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return /^https?:$/.test(url.protocol) && !url.username && !url.password && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/** HERALD_MEDIA_STORE and, for `s3`, every missing or malformed S3 variable at once. */
function mediaStoreConfig(env: Env, problems: string[]): MediaStoreConfig {
  const kind = env.HERALD_MEDIA_STORE || 'local';
  if (kind !== 'local' && kind !== 's3') {
    problems.push(`HERALD_MEDIA_STORE must be "local" or "s3"; got "${kind}"`);
    return { kind: 'local' };
  }
  if (kind === 'local') return { kind };
  const endpoint = (env.HERALD_S3_ENDPOINT ?? '').replace(/\/+$/, '');
  const bucket = env.HERALD_S3_BUCKET ?? '';
  const accessKeyId = env.HERALD_S3_ACCESS_KEY_ID ?? '';
  const secretAccessKey = env.HERALD_S3_SECRET_ACCESS_KEY ?? '';
  const missing = [
    ['HERALD_S3_ENDPOINT', endpoint],
    ['HERALD_S3_BUCKET', bucket],
    ['HERALD_S3_ACCESS_KEY_ID', accessKeyId],
    ['HERALD_S3_SECRET_ACCESS_KEY', secretAccessKey],
  ].filter(([, value]) => !value);
  for (const [name] of missing) problems.push(`${name} is required with HERALD_MEDIA_STORE=s3`);
  if (endpoint && !plainHttpUrl(endpoint))
    // Not echoed: a URL with user:password in it would print the password.
    problems.push('HERALD_S3_ENDPOINT must be an http(s) URL without credentials, query or fragment');
  // Path-style requests put the bucket in the path: it must stay one plain segment.
  if (bucket && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(bucket))
    problems.push(`HERALD_S3_BUCKET must be a bucket name (letters, digits, ".", "_", "-"); got "${bucket}"`);
  return {
    kind,
    endpoint,
    bucket,
    region: env.HERALD_S3_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    prefix: env.HERALD_S3_PREFIX ?? '',
  };
}

/** Comma-separated delays in milliseconds, at least one. */
function retrySchedule(env: Env, problems: string[]): readonly number[] {
  const raw = env.HERALD_WEBHOOK_RETRY_SCHEDULE;
  if (raw === undefined || raw.trim() === '') return DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS;
  const parts = raw.split(',').map((part) => part.trim());
  const delays = parts.map(Number);
  if (parts.some((p) => !/^\d{1,9}$/.test(p)) || delays.some((d) => d > 604_800_000) || delays.length > 50) {
    problems.push(
      `HERALD_WEBHOOK_RETRY_SCHEDULE must be 1 to 50 comma-separated delays in milliseconds (0 to 604800000); got "${raw}"`,
    );
    return DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS;
  }
  return delays;
}

/** 0 (keep forever) or at least MIN_MEDIA_RETENTION_MS. */
function retention(env: Env, problems: string[]): number {
  const value = integer(env, 'HERALD_MEDIA_RETENTION_MS', 604_800_000, 0, Number.MAX_SAFE_INTEGER, problems);
  if (value !== 0 && value < MIN_MEDIA_RETENTION_MS) {
    problems.push(
      `HERALD_MEDIA_RETENTION_MS must be 0 (keep forever) or at least ${MIN_MEDIA_RETENTION_MS} (1 hour); got "${value}"`,
    );
    return 604_800_000;
  }
  return value;
}

/**
 * Builds the typed config and reports every problem at once (ConfigError lists
 * them all), so `herald doctor` and a failed start say everything in one go.
 */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const modeRaw = env.HERALD_ENV ?? 'development';
  if (modeRaw !== 'development' && modeRaw !== 'production') {
    problems.push(`HERALD_ENV must be "development" or "production"; got "${modeRaw}"`);
  }
  const mode = modeRaw === 'production' ? 'production' : 'development';

  let secretKey: Buffer | undefined;
  if (env.HERALD_SECRET_KEY) {
    secretKey = parseSecretKey(env.HERALD_SECRET_KEY);
    if (!secretKey) problems.push('HERALD_SECRET_KEY must be 32 bytes, as 64 hex characters or base64');
  } else if (mode === 'production') {
    problems.push(
      'HERALD_SECRET_KEY is required in production (it encrypts network credentials); make one with `openssl rand -base64 32`',
    );
  }

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const apiKey = env.HERALD_API_KEY || undefined;
  if (apiKey !== undefined && apiKey.length < 16)
    problems.push('HERALD_API_KEY must be at least 16 characters');

  const logLevel = env.HERALD_LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`HERALD_LOG_LEVEL "${logLevel}" is not a pino level`);
  }

  const networks = {} as Record<Platform, NetworkEndpoint>;
  for (const platform of PLATFORMS) {
    const fallback = NETWORK_DEFAULTS[platform];
    const url = env[networkEnvName(platform, 'API_URL')] ?? fallback.url;
    if (url !== '' && !/^https?:\/\/[^/]+/.test(url)) {
      problems.push(`${networkEnvName(platform, 'API_URL')} must be an http(s) URL; got "${url}"`);
    }
    const version = env[networkEnvName(platform, 'API_VERSION')] ?? fallback.version;
    const budgetName = networkEnvName(platform, 'DAILY_BUDGET');
    const dailyBudget = env[budgetName] ? integer(env, budgetName, 0, 1, 100_000, problems) : undefined;
    const analyticsName = networkEnvName(platform, 'ANALYTICS_API_URL');
    const analyticsUrl = env[analyticsName] ?? fallback.analyticsUrl;
    if (analyticsUrl !== undefined && !/^https?:\/\/[^/]+/.test(analyticsUrl))
      problems.push(`${analyticsName} must be an http(s) URL; got "${analyticsUrl}"`);
    networks[platform] = {
      url: url.replace(/\/+$/, ''),
      ...(version ? { version } : {}),
      ...(dailyBudget ? { dailyBudget } : {}),
      ...(analyticsUrl ? { analyticsUrl: analyticsUrl.replace(/\/+$/, '') } : {}),
    };
  }

  const linking = {} as Record<Platform, LinkingClient>;
  for (const platform of PLATFORMS) {
    const authName = networkEnvName(platform, 'AUTH_URL');
    const authUrl = env[authName] || undefined;
    if (authUrl !== undefined && !plainHttpUrl(authUrl.replace(/\/+$/, '')))
      problems.push(`${authName} must be an http(s) URL without credentials, query or fragment`);
    const clientId = env[networkEnvName(platform, 'CLIENT_ID')] || undefined;
    const clientSecret = env[networkEnvName(platform, 'CLIENT_SECRET')] || undefined;
    linking[platform] = {
      ...(clientId ? { clientId } : {}),
      ...(clientSecret ? { clientSecret } : {}),
      ...(authUrl ? { authUrl: authUrl.replace(/\/+$/, '') } : {}),
    };
  }

  const media = parseAllowList(env.HERALD_MEDIA_ALLOW);
  problems.push(...media.problems);
  const sandboxChecks = env.HERALD_SANDBOX_MEDIA_CHECKS ?? 'false';
  if (sandboxChecks !== 'true' && sandboxChecks !== 'false')
    problems.push(`HERALD_SANDBOX_MEDIA_CHECKS must be "true" or "false"; got "${sandboxChecks}"`);
  const host = env.HERALD_HOST || '127.0.0.1';
  const port = integer(env, 'HERALD_PORT', 3000, 0, 65535, problems);
  const publicUrl = (env.HERALD_PUBLIC_URL || defaultPublicUrl(host, port)).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl))
    problems.push(`HERALD_PUBLIC_URL must be an http(s) URL; got "${publicUrl}"`);
  const moderationProvider = moderationConfig(
    env,
    (name, fallback, min, max) => integer(env, name, fallback, min, max, problems),
    problems,
  );

  const config: Config = {
    mode,
    host,
    port,
    dataDir: path.resolve(env.HERALD_DATA_DIR || './data'),
    ...(databaseUrl ? { databaseUrl } : {}),
    embeddedPgPort: integer(env, 'HERALD_EMBEDDED_PG_PORT', 54329, 1, 65535, problems),
    ...(apiKey ? { initialApiKey: apiKey } : {}),
    ...(secretKey ? { secretKey } : {}),
    logLevel,
    postWaitMs: integer(env, 'HERALD_POST_WAIT_MS', 30_000, 0, 600_000, problems),
    bodyLimitBytes: integer(env, 'HERALD_BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600, problems),
    workerConcurrency: integer(env, 'HERALD_WORKER_CONCURRENCY', 200, 1, 5000, problems),
    accountConcurrency: integer(env, 'HERALD_ACCOUNT_CONCURRENCY', 16, 1, 1000, problems),
    dbPoolSize: integer(env, 'HERALD_DB_POOL_SIZE', 20, 2, 1000, problems),
    dbStartWaitMs: integer(env, 'HERALD_DB_START_WAIT_MS', 60_000, 0, 3_600_000, problems),
    dbStatementTimeoutMs: integer(env, 'HERALD_DB_STATEMENT_TIMEOUT_MS', 60_000, 0, 3_600_000, problems),
    publishTimeoutMs: integer(env, 'HERALD_PUBLISH_TIMEOUT_MS', 60_000, 1000, 3_600_000, problems),
    maxAutoRetries: integer(env, 'HERALD_MAX_AUTO_RETRIES', 3, 0, 20, problems),
    shutdownGraceMs: integer(env, 'HERALD_SHUTDOWN_GRACE_MS', 30_000, 0, 600_000, problems),
    missedGraceMs: integer(env, 'HERALD_MISSED_GRACE_MS', 3_600_000, 1000, 2_592_000_000, problems),
    networks,
    linking,
    ...(env.HERALD_TIKTOK_CLIENT_SECRET ? { tiktokClientSecret: env.HERALD_TIKTOK_CLIENT_SECRET } : {}),
    publicUrl,
    media: {
      allow: media.allow,
      maxBytes: integer(
        env,
        'HERALD_MEDIA_MAX_BYTES',
        1_073_741_824,
        1024,
        Number.MAX_SAFE_INTEGER,
        problems,
      ),
      timeoutMs: integer(env, 'HERALD_MEDIA_TIMEOUT_MS', 15_000, 100, 600_000, problems),
      cacheTtlMs: integer(env, 'HERALD_MEDIA_CACHE_TTL_MS', 60_000, 0, 86_400_000, problems),
      presignedMarginMs: integer(env, 'HERALD_PRESIGNED_MARGIN_MS', 900_000, 0, 604_800_000, problems),
      sandboxChecks: sandboxChecks === 'true',
      store: mediaStoreConfig(env, problems),
      retentionMs: retention(env, problems),
    },
    analyticsCacheSeconds: integer(env, 'HERALD_ANALYTICS_CACHE_SECONDS', 600, 60, 86_400, problems),
    mediaLibrary: mediaLibraryConfig(
      env,
      (name, fallback, min, max) => integer(env, name, fallback, min, max, problems),
      problems,
    ),
    shortLinks: shortLinksConfig(env, publicUrl, problems),
    metrics: metricsConfig(env, problems),
    rateLimit: rateLimitConfig((name, fallback, min, max) =>
      integer(env, name, fallback, min, max, problems),
    ),
    ...(moderationProvider ? { moderationProvider } : {}),
    webhooks: {
      concurrency: integer(env, 'HERALD_WEBHOOK_CONCURRENCY', 4, 0, 100, problems),
      retryScheduleMs: retrySchedule(env, problems),
      timeoutMs: integer(env, 'HERALD_WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000, problems),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
