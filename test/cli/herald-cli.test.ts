import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
const photo = '.tmp/cli/photo.jpg';
/** A config folder of the tests' own: the machine's ~/.config/herald never takes part. */
const configHome = mkdtempSync(join(tmpdir(), 'herald-cli-config-'));

/**
 * Runs `herald <args>` as a user does: a child process, HERALD_URL and HERALD_API_KEY in its
 * environment (a variable given as undefined is removed), `input` on its stdin.
 */
function herald(args: string[], env: Record<string, string | undefined> = {}, input = '') {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/herald.mjs', ...args],
      {
        env: {
          ...process.env,
          XDG_CONFIG_HOME: configHome,
          HERALD_PROFILE: undefined,
          HERALD_PROFILE_KEY: undefined,
          HERALD_URL: t.herald.url!,
          HERALD_API_KEY: API_KEY,
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

beforeAll(async () => {
  t = await startTestHerald({ listen: true });
  await linkSandbox(t, ['bluesky', 'linkedin', 'twitter']);
  mkdirSync('.tmp/cli', { recursive: true });
  const pixels = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3366aa' } })
    .jpeg({ quality: 90 })
    .toBuffer();
  writeFileSync(photo, pixels);
});
afterAll(() => t.stop());

// Each command is a fresh Node process (the built CLI, dist/), loading only its own command.
describe('herald CLI against a listening Herald', { timeout: 180_000 }, () => {
  it('posts with a local photo: upload progress, then each network’s outcome, exit 0', async () => {
    const run = await herald(['post', 'Hello from the CLI', '-p', 'bluesky,linkedin', '--media', photo]);
    expect(run.stderr).toMatch(/uploading photo\.jpg: \d+\/\d+ bytes \(100%\)/);
    expect(run.stderr).toMatch(/uploaded photo\.jpg → http:\/\/127\.0\.0\.1:\d+\/media\//);
    expect(run.stdout).toMatch(/^✓ bluesky {2}\S+/m);
    expect(run.stdout).toMatch(/^✓ linkedin {2}\S+/m);
    expect(run.code).toBe(0);
    const id = /post (\S+)/.exec(run.stderr)?.[1] as string;
    const view = await t.request('GET', `/api/post/${id}`);
    expect((view.body.mediaUrls as string[])[0]).toMatch(/\/media\//);
  });

  it('exits 3 when some networks failed, printing their catalog code; --json for scripts', async () => {
    // The sandbox fails LinkedIn's first attempt with 621, as a network error would.
    const run = await herald(['post', 'partial #sandbox-fail-once-linkedin-621', '-p', 'bluesky,linkedin']);
    expect(run.stdout).toMatch(/^✓ bluesky/m);
    expect(run.stdout).toMatch(/^✗ linkedin {2}621 /m);
    expect(run.code).toBe(3);
    const json = await herald(['post', 'failed #sandbox-fail-linkedin-621', '-p', 'linkedin', '--json']);
    expect(json.code).toBe(1);
    const view = JSON.parse(json.stdout) as { status: string; errors: { code: number }[] };
    expect(view.status).toBe('error');
    expect(view.errors.map((e) => e.code)).toEqual([621]);
    // X without its keys is refused before anything is stored: the call fails, exit 1.
    const refused = await herald(['post', 'no keys', '-p', 'twitter']);
    expect(refused.stderr).toMatch(/^error 419/m);
    expect(refused.code).toBe(1);
  });

  it('schedules in a time zone: --at is wall-clock time there', async () => {
    const run = await herald([
      'post',
      'later',
      '-p',
      'bluesky',
      '--at',
      '2030-12-05 09:00',
      '--tz',
      'Europe/Paris',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'scheduled',
      scheduleDate: '2030-12-05T08:00:00.000Z',
    });
  });

  it('history, get, retry, accounts, connect, webhooks, errors', async () => {
    const history = await herald(['history', '--json']);
    const posts = (JSON.parse(history.stdout) as { history: { id: string; post: string }[] }).history;
    const partial = posts.find((p) => p.post.startsWith('partial'))!;
    const got = await herald(['get', partial.id]);
    expect(got.stdout).toMatch(/✗ linkedin {2}621/);
    expect(got.code).toBe(3);
    // The sandbox failed LinkedIn once only: the retry publishes it.
    const retried = await herald(['retry', partial.id]);
    expect(retried.stdout).toMatch(/^✓ linkedin/m);
    expect(retried.code).toBe(0);
    // X's keys from the environment (HERALD_X_TWITTER_OAUTH1_API_KEY/_SECRET, as `herald mcp` reads them) go with every call.
    const withKeys = await herald(['post', 'with keys', '-p', 'twitter'], {
      HERALD_X_TWITTER_OAUTH1_API_KEY: 'test-consumer-key',
      HERALD_X_TWITTER_OAUTH1_API_SECRET: 'test-consumer-secret',
    });
    expect(withKeys.stdout).toMatch(/^✓ twitter/m);
    expect((await herald(['get', 'no-such-post'])).code).toBe(1);
    const accounts = await herald(['accounts']);
    expect(accounts.stdout).toMatch(/^bluesky .*\[sandbox\]/m);
    // The linking page is for a user profile's accounts (Ayrshare's rule): the primary has none.
    expect((await herald(['connect'])).stderr).toMatch(/^error \d{3}/);
    const profile = await t.request('POST', '/api/profiles', { title: 'CLI customer' });
    const connect = await herald(['connect', profile.body.profileKey as string]);
    expect(connect.stdout.trim()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/connect\?jwt=/);
    expect((await herald(['webhooks'])).stdout).toContain('no webhook registered');
    const explained = await herald(['errors', '419']);
    expect(explained.stdout).toMatch(/^419 \(HTTP 400\)/);
    expect(explained.stdout).toContain('remedy:');
  });

  it('a profile file: `config set` checks and stores the key (0600), `--profile` and HERALD_PROFILE choose the entry', async () => {
    const noEnv = { HERALD_URL: undefined, HERALD_API_KEY: undefined };
    const path = join(configHome, 'herald', 'config.json');
    // A wrong key is checked where it would be used, and nothing is saved.
    const wrong = await herald(
      ['config', 'set', 'prod', '--url', t.herald.url!],
      noEnv,
      'wrong-key-0000000000000\n',
    );
    expect(wrong.stderr).toMatch(/^error 601/m);
    expect(wrong.code).toBe(1);
    expect(() => statSync(path)).toThrow();
    // Never on the command line.
    expect((await herald(['config', 'set', 'prod', '--api-key', API_KEY], noEnv)).code).toBe(2);

    const saved = await herald(['config', 'set', 'prod', '--url', t.herald.url!], noEnv, `${API_KEY}\n`);
    expect(saved.code).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const profile = await t.request('POST', '/api/profiles', { title: 'File customer' });
    const stored = await herald(
      [
        'config',
        'set',
        'customer',
        '--url',
        t.herald.url!,
        '--profile-key',
        profile.body.profileKey as string,
      ],
      noEnv,
      API_KEY,
    );
    expect(stored.stderr).toContain('profile "File customer"');
    const list = await herald(['config', 'list'], noEnv);
    expect(list.stdout).toMatch(/^\* prod +http:\/\/127\.0\.0\.1:\d+ {2}key …\S{4}$/m);
    expect(list.stdout).not.toContain(API_KEY);

    // No variable: the default entry (the primary profile has the sandbox accounts).
    expect((await herald(['accounts'], noEnv)).stdout).toMatch(/^bluesky /m);
    // --profile and HERALD_PROFILE: the customer's profile, which has none.
    const viaFlag = await herald(['--profile', 'customer', 'accounts'], noEnv);
    expect(viaFlag.stdout).toContain('no account linked');
    const viaEnv = await herald(['accounts'], { ...noEnv, HERALD_PROFILE: 'customer' });
    expect(viaEnv.stdout).toContain('no account linked');
    // A variable overrides its field of the entry; --profile takes the entry whole.
    const overridden = await herald(['accounts'], {
      HERALD_URL: undefined,
      HERALD_API_KEY: 'wrong-key-0000000000000',
    });
    expect(overridden.stderr).toMatch(/^error 601/m);
    expect((await herald(['--profile', 'prod', 'accounts'], { HERALD_URL: 'http://127.0.0.1:9' })).code).toBe(
      0,
    );
    expect((await herald(['--profile', 'nope', 'accounts'], noEnv)).stderr).toContain('no profile "nope"');

    // Opened to others, the file holding a key is refused, as ssh refuses such a private key.
    chmodSync(path, 0o644);
    const open = await herald(['accounts'], noEnv);
    expect(open.stderr).toContain(`chmod 600 ${path}`);
    expect(open.code).toBe(2);
    chmodSync(path, 0o600);

    expect((await herald(['config', 'use', 'customer'], noEnv)).code).toBe(0);
    expect((await herald(['accounts'], noEnv)).stdout).toContain('no account linked');
    expect((await herald(['config', 'remove', 'customer'], noEnv)).code).toBe(0);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { default?: string; profiles: object };
    expect(Object.keys(file.profiles)).toEqual(['prod']);
    expect(file.default).toBeUndefined();
  });

  it('exits 2 on usage errors and 1 with a wrong key, and keeps the server commands', async () => {
    expect((await herald(['post', 'no networks'])).code).toBe(2);
    const refused = await herald(['accounts'], { HERALD_API_KEY: 'wrong-key-0000000000000' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error 601/);
    const help = await herald(['help']);
    expect(help.stdout).toContain('keys create');
    expect(help.stdout).toContain('Exit codes: 0 success, 1 failure, 2 usage, 3 partial');
  });
});
