import type { Config, Role } from '../config/config.ts';
import { resolveSecretKey } from '../config/secrets.ts';
import { migrate } from '../db/migrate.ts';
import { type Database, openDatabase } from '../db/open.ts';
import { createEnginePool, createPipelinePool, createPool } from '../db/pool.ts';
import { AuthCache } from '../http/auth-cache.ts';
import { closeServer } from '../http/close-server.ts';
import { metricsUrlOf, startMetricsServer } from '../http/routes/metrics.ts';
import { buildServer, type ServerOptions } from '../http/server.ts';
import type { Server } from '../http/types.ts';
import { AccountSlots } from '../jobs/account-slots.ts';
import { publishLeaseMs } from '../jobs/publish-target.ts';
import { SCHEDULER_DEFAULTS, Scheduler } from '../jobs/scheduler.ts';
import { type SupervisedRunner, superviseRunner } from '../jobs/supervised-runner.ts';
import { startWebhookWorker } from '../jobs/webhook-worker.ts';
import { startWorker } from '../jobs/worker.ts';
import { workerBatches } from '../jobs/worker-batches.ts';
import type { Resolver } from '../media/url-decision.ts';
import type { Logger } from '../ops/logger.ts';
import { createMetrics } from '../ops/metrics.ts';
import { ACCEPT_BATCHES, AcceptBatcher } from './accept-batch.ts';
import { AccountsCache } from './accounts-cache.ts';
import { bootstrap } from './bootstrap.ts';
import type { AppContext } from './context.ts';
import { RateLimiter } from './rate-limiter.ts';
import { TargetWaiter } from './target-waiter.ts';

export interface Herald {
  app: AppContext;
  server?: Server;
  /** http://host:port when the API role listens. */
  url?: string;
  /** http://host:port/metrics when HERALD_METRICS_PORT serves the metrics apart. */
  metricsUrl?: string;
  /** The primary API key, only on the very first start. */
  firstApiKey?: string;
  stop(): Promise<void>;
}

/**
 * Assembles one Herald process: database (embedded when no DATABASE_URL),
 * migrations, then the API and/or the worker. `stop` drains in order: no new
 * requests, in-flight publishes finish (or are handed back via their lease).
 */
export async function startHerald(
  config: Config,
  role: Role,
  log: Logger,
  listen = true,
  options: { resolve?: Resolver } & ServerOptions = {},
): Promise<Herald> {
  const db: Database = await openDatabase(
    config,
    (line) => log.debug({ component: 'postgres' }, line.trim()),
    (message) => log.warn(message),
  );
  await migrate(db.url);
  // pg attaches the client to its errors: log only what helps, never the client object.
  const idleError = (message: string) => (err: Error) =>
    log.warn({ error: err.message, code: (err as { code?: string }).code }, message);
  // Not the worker's concurrency: a publish job holds a connection only for each statement,
  // never while it waits on a network, so hundreds of sends share a few connections.
  const pool = createPool(
    db.url,
    config.dbPoolSize,
    idleError('idle database client error'),
    config.dbStatementTimeoutMs,
  );
  // The engine's own connections (worker processes): a few suffice, its statements are short
  // and none waits for a flush; one of them is graphile-worker's LISTEN connection.
  const enginePool =
    role === 'api'
      ? undefined
      : createEnginePool(
          db.url,
          Math.max(4, Math.ceil(config.dbPoolSize / 2)),
          idleError('idle engine client error'),
        );
  // POST /api/post's group commit: one pipelined connection per batch in flight (opened on first use).
  const acceptPool = createPipelinePool(
    db.url,
    ACCEPT_BATCHES.maxInFlight,
    idleError('idle database client error'),
    config.dbStatementTimeoutMs,
  );
  const firstApiKey = await bootstrap(pool, config.initialApiKey);
  const waiter = new TargetWaiter(db.url, log);
  // Trusted only while notifications arrive: a worker-only process never listens, so never trusts it.
  const auth = new AuthCache(() => waiter.listening);
  waiter.onAuthChange(() => auth.invalidate());
  const accountsCache = new AccountsCache(() => waiter.listening);
  waiter.onAccountsChange((profileId) => accountsCache.forget(profileId));
  const app: AppContext = {
    config,
    pool,
    ...(enginePool ? { enginePool } : {}),
    secretKey: await resolveSecretKey(config),
    log,
    metrics: createMetrics(pool),
    waiter,
    auth,
    accountsCache,
    accountSlots: new AccountSlots(),
    accepts: new AcceptBatcher(acceptPool),
    batches: workerBatches(pool, publishLeaseMs(config)),
    draining: { value: false },
    ...(options.resolve ? { resolve: options.resolve } : {}),
  };

  let server: Server | undefined;
  let url: string | undefined;
  let runners: SupervisedRunner[] = [];
  if (role !== 'worker') {
    app.api = true;
    app.rateLimiter = new RateLimiter(config.rateLimit, pool, log);
    app.rateLimiter.start();
    await waiter.start();
    server = await buildServer(
      app,
      options.onSerializationLoss ? { onSerializationLoss: options.onSerializationLoss } : {},
    );
    if (listen) {
      url = await server.listen({ host: config.host, port: config.port });
      log.info({ url, role }, 'Herald API listening');
    }
  }
  if (role !== 'api') {
    app.scheduler = new Scheduler(enginePool ?? pool, log.child({ component: 'scheduler' }), {
      ...SCHEDULER_DEFAULTS,
      // Twice what the workers can take at once: enough queued to keep every slot busy.
      depth: Math.max(50, 2 * config.workerConcurrency),
    });
    app.scheduler.start();
    runners = [
      superviseRunner(app, 'worker', (events, health) => startWorker(app, events, health)),
      superviseRunner(app, 'webhook-worker', (events, health) => startWebhookWorker(app, events, health)),
    ];
    app.workers = runners;
    log.info(
      { concurrency: config.workerConcurrency, webhookConcurrency: config.webhooks.concurrency },
      'Herald worker running',
    );
  }

  const metricsServer = await startMetricsServer(app);

  let stopped = false;
  return {
    app,
    ...(server ? { server } : {}),
    ...(url ? { url } : {}),
    ...(firstApiKey ? { firstApiKey } : {}),
    ...(metricsServer ? { metricsUrl: metricsUrlOf(metricsServer) } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      app.draining.value = true;
      if (server) await closeServer(server, config.shutdownGraceMs);
      if (metricsServer) await closeServer(metricsServer, config.shutdownGraceMs);
      await app.rateLimiter?.stop();
      await app.scheduler?.stop();
      if (runners.length > 0) {
        const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
        await Promise.race([Promise.all(runners.map((r) => r.stop())), grace]);
      }
      await waiter.stop();
      await enginePool?.end();
      await acceptPool.end();
      await pool.end();
      await db.embedded?.stop();
    },
  };
}
