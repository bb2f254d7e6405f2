import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'development',
      host: '127.0.0.1',
      port: 3000,
      postWaitMs: 30_000,
      embeddedPgPort: 54329,
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.networks.bluesky).toEqual({ url: 'https://bsky.social' });
    expect(config.networks.linkedin).toEqual({ url: 'https://api.linkedin.com', version: '202601' });
  });

  it('reads network URLs and versions from HERALD_<NETWORK>_API_*', () => {
    const config = loadConfig({
      HERALD_BLUESKY_API_URL: 'http://127.0.0.1:9000/',
      HERALD_LINKEDIN_API_VERSION: '202612',
    });
    expect(config.networks.bluesky.url).toBe('http://127.0.0.1:9000');
    expect(config.networks.linkedin.version).toBe('202612');
  });

  it('reports every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        HERALD_PORT: 'eighty',
        HERALD_ENV: 'production',
        DATABASE_URL: 'mysql://x',
        HERALD_LOG_LEVEL: 'loud',
        HERALD_API_KEY: 'short',
        HERALD_BLUESKY_API_URL: 'ftp://x',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toHaveLength(6);
    expect(error?.problems.join('\n')).toMatch(/HERALD_SECRET_KEY is required in production/);
  });

  it('accepts a secret key as hex or base64 and refuses other lengths', () => {
    expect(loadConfig({ HERALD_SECRET_KEY: 'a'.repeat(64) }).secretKey?.length).toBe(32);
    expect(loadConfig({ HERALD_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') }).secretKey?.length).toBe(
      32,
    );
    expect(() => loadConfig({ HERALD_SECRET_KEY: 'too-short' })).toThrow(/32 bytes/);
  });
});

describe('the media store', () => {
  const S3 = {
    HERALD_MEDIA_STORE: 's3',
    HERALD_S3_ENDPOINT: 'https://s3.example.com/',
    HERALD_S3_BUCKET: 'herald-media',
    HERALD_S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    HERALD_S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-secret',
  };

  it('is local by default and keeps files 7 days', () => {
    expect(loadConfig({}).media).toMatchObject({ store: { kind: 'local' }, retentionMs: 604_800_000 });
  });

  it('reads the S3 variables, with us-east-1 and the bucket root as defaults', () => {
    expect(loadConfig(S3).media.store).toEqual({
      kind: 's3',
      endpoint: 'https://s3.example.com',
      bucket: 'herald-media',
      region: 'us-east-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI-secret',
      prefix: '',
    });
    expect(
      loadConfig({ ...S3, HERALD_S3_REGION: 'auto', HERALD_S3_PREFIX: 'herald/media' }).media.store,
    ).toMatchObject({ region: 'auto', prefix: 'herald/media' });
  });

  it('with s3, every missing variable is reported at once, and the secret is never echoed', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ HERALD_MEDIA_STORE: 's3', HERALD_MEDIA_RETENTION_MS: '1000' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toEqual([
      'HERALD_S3_ENDPOINT is required with HERALD_MEDIA_STORE=s3',
      'HERALD_S3_BUCKET is required with HERALD_MEDIA_STORE=s3',
      'HERALD_S3_ACCESS_KEY_ID is required with HERALD_MEDIA_STORE=s3',
      'HERALD_S3_SECRET_ACCESS_KEY is required with HERALD_MEDIA_STORE=s3',
      'HERALD_MEDIA_RETENTION_MS must be 0 (keep forever) or at least 3600000 (1 hour); got "1000"',
    ]);
    const bad = (() => {
      try {
        loadConfig({ ...S3, HERALD_S3_ENDPOINT: 'https://user:pw@s3.example.com', HERALD_S3_BUCKET: 'a/b' });
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
    })();
    expect(bad).toMatch(/HERALD_S3_ENDPOINT must be an http\(s\) URL without credentials, query or fragment/);
    expect(bad).toMatch(/HERALD_S3_BUCKET must be a bucket name/);
    expect(bad).not.toContain('wJalrXUtnFEMI-secret');
    expect(bad).not.toContain('user:pw');
  });

  it('refuses an unknown store; 0 retention means keep forever', () => {
    expect(() => loadConfig({ HERALD_MEDIA_STORE: 'gcs' })).toThrow(
      /HERALD_MEDIA_STORE must be "local" or "s3"/,
    );
    expect(loadConfig({ HERALD_MEDIA_RETENTION_MS: '0' }).media.retentionMs).toBe(0);
    expect(loadConfig({ HERALD_MEDIA_RETENTION_MS: '3600000' }).media.retentionMs).toBe(3_600_000);
  });
});

describe('webhooks', () => {
  it('deliver 4 at once, within 10 s, on Svix’s schedule by default', () => {
    expect(loadConfig({}).webhooks).toEqual({
      concurrency: 4,
      timeoutMs: 10_000,
      retryScheduleMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
    });
  });

  it('read a shorter schedule (tests) and refuse a malformed one', () => {
    expect(loadConfig({ HERALD_WEBHOOK_RETRY_SCHEDULE: '20, 20,40' }).webhooks.retryScheduleMs).toEqual([
      20, 20, 40,
    ]);
    expect(loadConfig({ HERALD_WEBHOOK_CONCURRENCY: '0' }).webhooks.concurrency).toBe(0);
    for (const bad of ['5s', '1,,2', '-1', '1.5']) {
      expect(() => loadConfig({ HERALD_WEBHOOK_RETRY_SCHEDULE: bad })).toThrow(
        /HERALD_WEBHOOK_RETRY_SCHEDULE/,
      );
    }
  });
});

describe('the README configuration table', () => {
  it('lists every variable, and config reads no other', async () => {
    const { readFileSync } = await import('node:fs');
    const { CONFIG_VARIABLES } = await import('./config.ts');
    const { CLIENT_VARIABLES, SECRET_HEADERS } = await import('./client-config.ts');
    const variables = [...CONFIG_VARIABLES, ...CLIENT_VARIABLES];
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const v of variables) expect(readme, v.name).toContain(`| \`${v.name}\` |`);
    // config.ts, the feature files it reads its parts from (short links, moderation, metrics,
    // rate limits, media library), and the clients' settings (herald mcp).
    const source = [
      './config.ts',
      './short-links-config.ts',
      './moderation-config.ts',
      './metrics-config.ts',
      './rate-limit-config.ts',
      './media-library-config.ts',
      './client-config.ts',
    ]
      .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
      .join('\n');
    const read = new Set(
      [...source.matchAll(/env\.([A-Z0-9_]+)|integer\(\s*(?:env,\s*)?'([A-Z0-9_]+)'/g)].map(
        (m) => m[1] ?? m[2],
      ),
    );
    read.add('HERALD_<NETWORK>_API_URL');
    read.add('HERALD_<NETWORK>_API_VERSION');
    read.add('HERALD_<NETWORK>_DAILY_BUDGET');
    read.add('HERALD_<NETWORK>_ANALYTICS_API_URL');
    read.add('HERALD_<NETWORK>_CLIENT_ID');
    read.add('HERALD_<NETWORK>_CLIENT_SECRET');
    read.add('HERALD_<NETWORK>_AUTH_URL');
    // Named after the header each network declares (X's BYO keys): read as env[variable].
    for (const { variable } of SECRET_HEADERS) read.add(variable);
    expect([...read].sort()).toEqual([...new Set(variables.map((v) => v.name))].sort());
  });
});
