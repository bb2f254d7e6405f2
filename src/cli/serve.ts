import { startHerald } from '../app/start.ts';
import { loadConfig, type Role } from '../config/config.ts';
import type { Env } from '../config/env.ts';
import { ensureDashboard } from '../dashboard/build.ts';
import { createLogger } from '../ops/logger.ts';

const ROLES: readonly Role[] = ['api', 'worker', 'all'];

/** `herald serve [--role api|worker|all]`: runs until SIGINT/SIGTERM, then drains and exits. */
export async function serve(env: Env, flags: Record<string, string | true>): Promise<number> {
  const role = (flags.role ?? 'all') as Role;
  if (!ROLES.includes(role)) {
    process.stderr.write(`--role must be one of ${ROLES.join(', ')}\n`);
    return 2;
  }
  const config = loadConfig(env);
  const log = createLogger(config.logLevel);
  // Listening from the first moment: a signal with no listener ends the process by its
  // default action, without the drain (exit by signal, not 0), and, during start-up, with
  // the embedded PostgreSQL it was starting left running. One that arrives while Herald
  // starts on its embedded PostgreSQL lets the start finish (the first start's key is still
  // printed: it exists only hashed), then stops it at once. With a DATABASE_URL there is
  // nothing of Herald's to stop yet: the process ends at once, not after the wait for a
  // database that is not up (HERALD_DB_START_WAIT_MS) or the migrations (each in its own
  // transaction, which the server rolls back with the connection).
  let started = false;
  const signalled = new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      log.info({ signal }, 'shutting down');
      if (!started && config.databaseUrl) process.exit(0);
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  // npm install builds the dashboard (prepare); an install that skipped scripts builds it here.
  if (role !== 'worker') await ensureDashboard();
  const herald = await startHerald(config, role, log);
  started = true;
  if (herald.firstApiKey) {
    // Printed once, on the first start only: Herald keeps only its hash.
    process.stdout.write(
      `\n  Herald is ready. Primary API key (shown once, store it now):\n\n    ${herald.firstApiKey}\n\n` +
        `  Try: curl -H "Authorization: Bearer ${herald.firstApiKey}" ${herald.url ?? ''}/api/user\n\n`,
    );
  } else if (herald.url) {
    process.stdout.write(
      `\n  Herald is ready at ${herald.url}. An API key already exists (it was shown once, at the first start;\n` +
        '  Herald keeps only its hash). Lost it? Make another with: npx herald keys create\n\n',
    );
  }
  await signalled;
  await herald.stop();
  log.info('stopped');
  return 0;
}
