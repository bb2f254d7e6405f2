import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHerald } from '../src/app/start.ts';
import { loadConfig } from '../src/config/config.ts';
import { createLogger } from '../src/ops/logger.ts';
import { SDK_SPEC, SDK_TYPES, specText, typesOf } from './sdk-types.ts';

/**
 * npm run sdk:generate: starts Herald (API only, on a throwaway embedded database), reads its
 * /openapi.json, and writes packages/sdk/openapi.json and the types generated from it.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-sdk-'));
// initdb runs as an unprivileged user when Herald runs as root: it must reach its directory.
chmodSync(dataDir, 0o755);
const config = loadConfig({
  HERALD_DATA_DIR: dataDir,
  HERALD_API_KEY: randomBytes(24).toString('base64url'),
  HERALD_SECRET_KEY: randomBytes(32).toString('base64'),
  HERALD_LOG_LEVEL: 'silent',
});
const herald = await startHerald(config, 'api', createLogger('silent'), false);
try {
  const spec = (await herald.server!.inject({ method: 'GET', url: '/openapi.json' })).json();
  writeFileSync(SDK_SPEC, specText(spec));
  writeFileSync(SDK_TYPES, await typesOf(spec));
  process.stdout.write(`wrote ${SDK_SPEC.pathname} and ${SDK_TYPES.pathname}\n`);
} finally {
  await herald.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
