import { EventEmitter } from 'node:events';
import type { Runner, WorkerEvents } from 'graphile-worker';
import type { AppContext } from '../app/context.ts';
import {
  forgetPool,
  heartbeatPools,
  LOST_JOB_MS,
  unlockDeadPools,
  unlockLostJobs,
} from '../db/worker-pools.ts';
import { logEngineReturnFailures } from './engine-rejections.ts';

const HEARTBEAT_MS = 10_000;
const ABANDON_AFTER_MS = 5000;
const BACKOFF_MS = [250, 500, 1000, 2000, 5000, 10_000];

/**
 * What a runner tells its supervisor beyond graphile-worker's events (worker.ts's logger
 * calls it): a fetch of due jobs failed.
 */
export interface RunnerHealth {
  fetchFailed(): void;
}

/**
 * Fetches failing this many times in a row (the runner polls every 2 s) and the runner is
 * replaced. graphile-worker 0.17.3 (and 0.18.0) keeps the first fetch's lookup of its task
 * ids as a promise for the runner's life, and keeps it rejected if that first lookup met a
 * dropped connection: every later fetch fails on it ("Error occurred fetching jobs ...
 * terminating connection"), the database answering or not, and the runner never fetches a
 * job again. A new runner looks the ids up again. During a plain outage the replacement
 * costs nothing: the new runner waits for the database as the old one would have.
 */
export const FETCH_FAILURES_BEFORE_RESTART = 5;

export interface SupervisedRunner {
  /** False while the runner is down (the database went away) and being restarted. */
  readonly running: boolean;
  /** Stops it for good, waiting for running jobs (the caller bounds the wait). */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const jittered = (ms: number) => ms / 2 + Math.random() * (ms / 2);

/**
 * Keeps a graphile-worker runner alive through database outages: losing PostgreSQL
 * never ends the process (DESIGN.md decision 12). graphile-worker gives up when it
 * cannot complete or fail a job (the connection dropped) and rejects its runner's
 * promise; the supervisor logs one line, waits (backoff with jitter) and starts a new
 * runner, and unlocks the jobs the dead pool held once the database answers again.
 * Every live pool refreshes a heartbeat row, so the minute sweep can unlock the jobs of
 * pools whose process died (kill -9) long before graphile-worker's own 4-hour timeout.
 */
export function superviseRunner(
  app: AppContext,
  role: string,
  start: (events: WorkerEvents, health: RunnerHealth) => Promise<Runner | undefined>,
): SupervisedRunner {
  const log = app.log.child({ component: role });
  // A pool that gave up must not end the process through graphile-worker's unhandled rejection.
  logEngineReturnFailures(app.log);
  const pools = new Set<string>();
  const deadPools: string[] = [];
  // The jobs this process's pools hold: running (undefined), or finished at that time (ms):
  // graphile-worker completes a job after its `job:complete`, so it stays held a while.
  const held = new Map<string, number | undefined>();
  let current: Runner | undefined;
  let running = false;
  let stopping = false;
  let wakeUp: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    wakeUp = resolve;
  });
  // A wait that ends early when the supervisor is stopped.
  const pause = (ms: number) => Promise.race([sleep(ms), stopped]);

  const heartbeat = setInterval(() => {
    const live = [...pools];
    heartbeatPools(
      app.pool,
      live.map((id) => ({ id, role })),
    )
      .then(async () => {
        const since = Date.now() - LOST_JOB_MS;
        for (const [id, finishedAt] of held)
          if (finishedAt !== undefined && finishedAt < since) held.delete(id);
        const unlocked = await unlockLostJobs(app.pool, live, [...held.keys()]);
        if (unlocked > 0) log.warn({ jobs: unlocked }, 'gave back jobs whose fetch answer was lost');
      })
      .catch(() => undefined); // the database is away: the runner's own errors say so
  }, HEARTBEAT_MS);
  // Not unref'd: this timer keeps the process alive for as long as it supervises (stop()
  // clears it). While the database is away a worker process may have nothing else pending:
  // its runner killed, its pools empty, this loop waiting to start a new one. Node ends a
  // process with nothing pending, at once and with exit code 0, and a worker would end that
  // way on a database outage (a supervisor such as systemd sees a clean exit, not a crash).

  /**
   * Resolves when the runner must be replaced though nobody asked it to stop: graphile-worker
   * started shutting its pool down, or it could not fetch FETCH_FAILURES_BEFORE_RESTART times.
   */
  let gaveUp: Promise<void> = new Promise(() => {});

  async function startOnce(): Promise<Runner | undefined> {
    const events: WorkerEvents = new EventEmitter();
    let giveUp: () => void = () => {};
    gaveUp = new Promise<void>((resolve) => {
      giveUp = resolve;
    });
    // Set when this supervisor itself stops the runner to replace it (fetchFailed).
    let replacing = false;
    events.on('pool:gracefulShutdown', ({ message }) => {
      if (stopping || replacing) return;
      log.error({ reason: message }, 'worker pool gave up (database error); restarting it');
      giveUp();
    });
    let runner: Runner | undefined;
    let fetchFailures = 0;
    events.on('localQueue:getJobs:complete', () => {
      fetchFailures = 0;
    });
    const health: RunnerHealth = {
      fetchFailed() {
        fetchFailures++;
        if (fetchFailures !== FETCH_FAILURES_BEFORE_RESTART || stopping) return;
        log.error({ failures: fetchFailures }, 'worker cannot fetch jobs; restarting it');
        replacing = true;
        giveUp();
        // Its pool is otherwise sound: stopped gracefully, the jobs it runs finish and are completed.
        runner?.stop().catch(() => undefined);
      },
    };
    events.on('job:start', ({ job }) => held.set(job.id, undefined));
    events.on('job:complete', ({ job }) => held.set(job.id, Date.now()));
    events.on('pool:create', ({ workerPool }) => {
      pools.add(workerPool.id);
      heartbeatPools(app.pool, [{ id: workerPool.id, role }]).catch(() => undefined);
    });
    events.on('pool:release', ({ workerPool }) => {
      pools.delete(workerPool.id);
      forgetPool(app.pool, workerPool.id).catch(() => undefined);
    });
    runner = await start(events, health);
    if (runner && deadPools.length > 0) {
      // The jobs a pool that died here was holding go back to the queue now, not in 4 hours.
      const ids = deadPools.splice(0);
      await app.pool
        .query('SELECT graphile_worker.force_unlock_workers($1::text[])', [ids])
        .catch(() => deadPools.push(...ids));
    }
    return runner;
  }

  const loop = (async () => {
    for (let failures = 0; !stopping; ) {
      let runner: Runner | undefined;
      try {
        runner = await startOnce();
      } catch (err) {
        const wait = jittered(BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] as number);
        if (failures === 0) log.warn({ error: (err as Error).message }, 'worker cannot start; retrying');
        failures++;
        await pause(wait);
        continue;
      }
      if (!runner) return; // this role runs no runner in this process
      if (stopping) {
        // stop() came while this runner was starting: it found no runner to stop, so stop it here.
        await runner.stop().catch(() => undefined);
        return;
      }
      current = runner;
      running = true;
      if (failures > 0) log.info({ afterAttempts: failures }, 'worker running again');
      failures = 0;
      try {
        // graphile-worker 0.17's shutdown after a failed completion can hang for good: the
        // pool is abandoned a few seconds after it gave up (its jobs are unlocked by the next one).
        await Promise.race([runner.promise, gaveUp.then(() => pause(ABANDON_AFTER_MS))]);
      } catch (err) {
        if (!stopping)
          log.error({ error: (err as Error).message }, 'worker stopped on a database error; restarting');
      }
      if (!stopping) runner.kill().catch(() => undefined);
      running = false;
      current = undefined;
      deadPools.push(...pools);
      pools.clear();
      // Its jobs are unlocked as a dead pool's (startOnce): none of them is held any more.
      held.clear();
      if (!stopping) await pause(jittered(BACKOFF_MS[0] as number));
    }
  })();

  return {
    get running() {
      return running;
    },
    async stop() {
      stopping = true;
      wakeUp();
      clearInterval(heartbeat);
      await current?.stop().catch(() => undefined);
      await loop;
    },
  };
}

/** The minute sweep's part: unlock the jobs of pools that died without a word. */
export async function sweepDeadPools(app: AppContext): Promise<number> {
  const dead = await unlockDeadPools(app.pool);
  if (dead.length > 0) app.log.warn({ pools: dead }, 'unlocked the jobs of worker pools that died');
  return dead.length;
}
