import { randomBytes } from 'node:crypto';
import { type Herald, startHerald } from '../src/app/start.ts';
import { loadConfig } from '../src/config/config.ts';
import { createLogger } from '../src/ops/logger.ts';

export interface BenchHerald {
  herald: Herald;
  /** http://127.0.0.1:<port> */
  url: string;
  apiKey: string;
}

export const BENCH_PLATFORMS = ['facebook', 'instagram'] as const;
/** The highest HERALD_<NETWORK>_DAILY_BUDGET Herald accepts. */
export const INSTAGRAM_BUDGET = 100_000;

/**
 * Herald in this process (API and worker, role `all`) on `databaseUrl`, listening
 * on 127.0.0.1 with a free port, with sandbox accounts linked over real HTTP.
 */
export async function startBenchHerald(databaseUrl: string, dataDir: string): Promise<BenchHerald> {
  const apiKey = `bench-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    HERALD_API_KEY: apiKey,
    HERALD_SECRET_KEY: randomBytes(32).toString('base64'),
    HERALD_LOG_LEVEL: 'silent',
    // Thousands of requests through one profile: counted (the cost is measured), never refused.
    HERALD_RATE_LIMIT_PROFILE: '10000000',
    HERALD_HOST: '127.0.0.1',
    HERALD_PORT: '0',
    HERALD_DATA_DIR: dataDir,
    // The bench sends thousands of posts through one sandbox account; Instagram's
    // rolling 24 h budget (50) would refuse all but the first 50. The check still runs.
    HERALD_INSTAGRAM_DAILY_BUDGET: String(INSTAGRAM_BUDGET),
  });
  const herald = await startHerald(config, 'all', createLogger(config.logLevel), true);
  if (!herald.url) {
    await herald.stop();
    throw new Error('Herald did not report a listening URL');
  }
  try {
    for (const platform of BENCH_PLATFORMS) {
      const res = await fetch(`${herald.url}/api/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ platform, credentials: { sandbox: true } }),
      });
      const text = await res.text();
      if (res.status !== 200)
        throw new Error(`linking the ${platform} sandbox account: HTTP ${res.status} ${text}`);
    }
  } catch (err) {
    await herald.stop();
    throw err;
  }
  return { herald, url: herald.url, apiKey };
}
