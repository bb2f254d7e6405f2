import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { doctor } from '../../src/cli/doctor.ts';
import { keys } from '../../src/cli/keys.ts';
import { createPool } from '../../src/db/pool.ts';
import { FAKE_S3_KEY, startFakeS3 } from '../fakes/s3/fake-s3.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { startTestHerald } from '../helpers/herald.ts';

function captureStdout(): { text: () => string; restore: () => void } {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  return { text: () => out, restore: () => spy.mockRestore() };
}

afterEach(() => vi.restoreAllMocks());

describe('first start', () => {
  it('creates the primary profile and one key, printed once; later starts print nothing', async () => {
    const pool = createPool(await createTestDatabase(), 2, () => {});
    try {
      const key = await bootstrap(pool, undefined);
      expect(key).toMatch(/^[A-Z2-9]{7}(-[A-Z2-9]{7}){3}$/);
      expect(await bootstrap(pool, undefined)).toBeUndefined();
      expect(await bootstrap(pool, 'another-key-0123456789')).toBeUndefined();
      const { rows } = await pool.query('SELECT title, is_primary FROM profiles');
      expect(rows).toEqual([{ title: 'Primary', is_primary: true }]);
    } finally {
      await pool.end();
    }
  });
});

describe('herald keys', () => {
  it('create prints a new key that authenticates; revoke stops it on the running server (notified)', async () => {
    const t = await startTestHerald();
    try {
      const env = { DATABASE_URL: t.databaseUrl, HERALD_LOG_LEVEL: 'silent' };
      const out = captureStdout();
      expect(await keys(env, ['create'], { label: 'ci' })).toBe(0);
      out.restore();
      const key = out.text().trim();
      expect(key).toMatch(/^[A-Z2-9]{7}(-[A-Z2-9]{7}){3}$/);
      expect(
        (await t.request('GET', '/api/user', undefined, { authorization: `Bearer ${key}` })).status,
      ).toBe(200);

      const listed = captureStdout();
      await keys(env, ['list'], {});
      listed.restore();
      expect(listed.text()).toContain(`${key.slice(0, 7)}…  ci`);
      expect(listed.text()).not.toContain(key);

      const revoked = captureStdout();
      expect(await keys(env, ['revoke', key.slice(0, 7)], {})).toBe(0);
      revoked.restore();
      // The running server keeps keys it has let in (auth-cache.ts); the revoke reaches it
      // through the herald_auth notification, a moment after the command returns.
      await vi.waitFor(
        async () =>
          expect(
            (await t.request('GET', '/api/user', undefined, { authorization: `Bearer ${key}` })).status,
          ).toBe(401),
        { timeout: 5000, interval: 20 },
      );
    } finally {
      await t.stop();
    }
  });
});

describe('herald doctor', () => {
  it('reports every configuration problem at once and fails', async () => {
    const out = captureStdout();
    const code = await doctor({ HERALD_ENV: 'production', HERALD_PORT: 'x', HERALD_LOG_LEVEL: 'loud' });
    out.restore();
    expect(code).toBe(1);
    expect(out.text()).toMatch(/FAIL\s+configuration: HERALD_SECRET_KEY is required in production/);
    expect(out.text()).toMatch(/FAIL\s+configuration: HERALD_PORT must be an integer/);
    expect(out.text()).toMatch(/FAIL\s+configuration: HERALD_LOG_LEVEL "loud"/);
  });

  it('passes with a reachable database and a valid configuration', async () => {
    const out = captureStdout();
    const code = await doctor({
      DATABASE_URL: await createTestDatabase(),
      HERALD_DATA_DIR: '.tmp/doctor-data',
      HERALD_SECRET_KEY: 'a'.repeat(64),
    });
    out.restore();
    expect(out.text()).toContain('all checks passed');
    expect(code).toBe(0);
  });

  it('says which ffmpeg and ffprobe it found (the system’s, the npm-shipped ones, or an override)', async () => {
    const base = {
      DATABASE_URL: await createTestDatabase(),
      HERALD_DATA_DIR: '.tmp/doctor-data',
      HERALD_SECRET_KEY: 'a'.repeat(64),
    };
    let out = captureStdout();
    await doctor({ ...base, PATH: '/usr/bin:/bin' });
    out.restore();
    expect(out.text()).toMatch(/ok\s+ffmpeg: \/usr\/bin\/ffmpeg \(the system’s\): ffmpeg version/);
    expect(out.text()).toMatch(/ok\s+ffprobe: \/usr\/bin\/ffprobe \(the system’s\)/);
    // No ffmpeg on PATH: the static builds shipped in the npm packages.
    out = captureStdout();
    await doctor({ ...base, PATH: '/nonexistent' });
    out.restore();
    expect(out.text()).toMatch(
      /ok\s+ffmpeg: \S+@ffmpeg-installer\/linux-x64\/ffmpeg \(shipped in @ffmpeg-installer\/linux-x64\)/,
    );
    // An override that is no binary fails, naming it.
    out = captureStdout();
    const code = await doctor({ ...base, HERALD_FFMPEG_PATH: '/nonexistent/ffmpeg' });
    out.restore();
    expect(out.text()).toMatch(
      /FAIL\s+ffmpeg: \/nonexistent\/ffmpeg \(from HERALD_FFMPEG_PATH\) does not run/,
    );
    expect(code).toBe(1);
  });

  it('lists the S3 bucket when the media store is S3, and names what S3 refused (never the secret)', async () => {
    const s3 = await startFakeS3({ buckets: ['herald-media'] });
    try {
      const env = async (secret: string) => ({
        DATABASE_URL: await createTestDatabase(),
        HERALD_DATA_DIR: '.tmp/doctor-data',
        HERALD_SECRET_KEY: 'a'.repeat(64),
        HERALD_MEDIA_STORE: 's3',
        HERALD_S3_ENDPOINT: s3.endpoint,
        HERALD_S3_BUCKET: 'herald-media',
        HERALD_S3_REGION: s3.region,
        HERALD_S3_ACCESS_KEY_ID: FAKE_S3_KEY.accessKeyId,
        HERALD_S3_SECRET_ACCESS_KEY: secret,
      });
      let out = captureStdout();
      let code = await doctor(await env(FAKE_S3_KEY.secretAccessKey));
      out.restore();
      expect(out.text()).toMatch(
        /ok\s+media store: bucket herald-media at http:\/\/127\.0\.0\.1:\d+ can be listed/,
      );
      expect(code).toBe(0);

      const wrong = 'not-the-secret-0123456789';
      out = captureStdout();
      code = await doctor(await env(wrong));
      out.restore();
      expect(out.text()).toMatch(/FAIL\s+media store: bucket herald-media .*SignatureDoesNotMatch/);
      expect(out.text()).not.toContain(wrong);
      expect(code).toBe(1);
    } finally {
      await s3.close();
    }
  });
});
