import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * @herald/sdk as a user's program meets it: plain Node (no tsx, no type stripping), importing
 * the package by name (its `exports`: packages/sdk/dist, JS + .d.ts, built by `npm install`),
 * under the module hook that refuses any TypeScript; and a user's TypeScript checked against
 * the built declarations.
 */
const dir = path.resolve('.tmp', `sdk-user-${process.pid}`);
const NO_TYPESCRIPT = path.resolve('test/fixtures/no-typescript/register.mjs');
let t: TestHerald;

function node(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: dir, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  t = await startTestHerald({ listen: true });
  await linkSandbox(t, ['bluesky', 'linkedin']);
  mkdirSync(dir, { recursive: true });
});
afterAll(async () => {
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
});

const PROGRAM = `
import { createHeraldClient, HeraldApiError } from '@herald/sdk';
import { SocialMediaAPI } from '@herald/sdk/ayrshare';

const [baseUrl, apiKey] = process.argv.slice(2);
const herald = createHeraldClient({ baseUrl, apiKey });
const posted = await herald.post({ post: 'Hello from plain Node', platforms: ['bluesky', 'linkedin'] });
const ayrshare = new SocialMediaAPI(apiKey, { baseUrl });
const seen = await ayrshare.getPost({ id: posted.id });
const missing = await herald.getPost('missing').catch((error) => error);
console.log(JSON.stringify({ posted, seen, missing: { typed: missing instanceof HeraldApiError, code: missing.code } }));
`;

describe('@herald/sdk from plain Node', () => {
  it('imports @herald/sdk and @herald/sdk/ayrshare as built JavaScript and posts in a few lines', async () => {
    writeFileSync(path.join(dir, 'post.mjs'), PROGRAM);
    const log = path.join(dir, 'modules.log');
    const run = await node(['--import', NO_TYPESCRIPT, 'post.mjs', t.herald.url!, API_KEY], {
      NO_TYPESCRIPT_LOG: log,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { posted, seen, missing } = JSON.parse(run.stdout) as {
      posted: { status: string; id: string; postIds: { platform: string }[] };
      seen: { id: string; status: string };
      missing: { typed: boolean; code: number };
    };
    expect(posted.status).toBe('success');
    expect(posted.postIds.map((p) => p.platform).sort()).toEqual(['bluesky', 'linkedin']);
    expect(seen).toMatchObject({ id: posted.id, status: 'success' });
    expect(missing).toEqual({ typed: true, code: 607 });
    expect(await t.count('posts')).toBe(1);

    const sdk = pathToFileURL(path.resolve('packages/sdk')).href;
    const modules = readFileSync(log, 'utf8').split('\n');
    expect(modules).toContain(`${sdk}/dist/index.js`);
    expect(modules).toContain(`${sdk}/dist/ayrshare.js`);
    expect(modules.filter((url) => url.startsWith(`${sdk}/src/`))).toEqual([]);
  }, 120_000);

  it('types a user’s TypeScript from the built declarations (a catalog code union, required fields)', async () => {
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [path.resolve('node_modules/@types')],
        },
        files: ['check.ts'],
      }),
    );
    writeFileSync(
      path.join(dir, 'check.ts'),
      [
        "import { type CatalogCode, createHeraldClient } from '@herald/sdk';",
        "import { SocialMediaAPI } from '@herald/sdk/ayrshare';",
        "const herald = createHeraldClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: 'key' });",
        "const answer = await herald.post({ post: 'typed', platforms: ['bluesky'] });",
        'export const id: string | undefined = answer.id;',
        'export const known: CatalogCode = 607;',
        '// @ts-expect-error: not a catalog code',
        'export const unknown: CatalogCode = 12345;',
        '// @ts-expect-error: a post needs its text',
        "await herald.post({ platforms: ['bluesky'] });",
        "export const facade = new SocialMediaAPI('key', { baseUrl: 'http://127.0.0.1:3000' });",
        '',
      ].join('\n'),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');
    const run = await node([tsc, '-p', 'tsconfig.json', '--traceResolution']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(
      /'@herald\/sdk' was successfully resolved to '[^']*packages\/sdk\/dist\/index\.d\.ts'/,
    );
    expect(run.stdout).toMatch(
      /'@herald\/sdk\/ayrshare' was successfully resolved to '[^']*packages\/sdk\/dist\/ayrshare\.d\.ts'/,
    );
  }, 120_000);
});
