import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventory, writeStamp } from '../../scripts/build-state.mjs';

/**
 * bin/herald.mjs in a checkout of its own (a copy under .tmp with a one-line src/ and dist/):
 * it runs dist/main.js only when the build was made from the sources as they are now, and
 * otherwise stops with exit code 1 and says why, rather than run stale code.
 */
const root = path.resolve('.tmp', `stale-build-${process.pid}`);

function start() {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'herald.mjs'), 'serve'], (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function build() {
  const taken = inventory(path.join(root, 'src'));
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'main.js'), "process.stdout.write('the build ran');\n");
  writeStamp(path.join(root, 'dist'), taken);
}

beforeAll(() => {
  rmSync(root, { recursive: true, force: true });
  cpSync('bin/herald.mjs', path.join(root, 'bin', 'herald.mjs'));
  cpSync('scripts/build-state.mjs', path.join(root, 'scripts', 'build-state.mjs'));
  mkdirSync(path.join(root, 'src', 'db'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'main.ts'), 'export {};\n');
  writeFileSync(path.join(root, 'src', 'db', 'schema.sql'), 'select 1;\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bin/herald.mjs and the build it runs', () => {
  it('refuses to start without a build', async () => {
    const run = await start();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the JavaScript build is missing or out of date: dist/ has no build');
    expect(run.stderr).toContain('npm run build');
    expect(run.stdout).toBe('');
  });

  it('runs dist/main.js once built from the current sources', async () => {
    build();
    const run = await start();
    expect(run).toMatchObject({ code: 0, stdout: 'the build ran' });
  });

  it('refuses a build older than a source (a SQL file too), naming it; a test file does not count', async () => {
    build();
    const later = new Date(Date.now() + 60_000);
    writeFileSync(path.join(root, 'src', 'main.test.ts'), 'export {};\n');
    expect((await start()).code).toBe(0);
    utimesSync(path.join(root, 'src', 'db', 'schema.sql'), later, later);
    const run = await start();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path.join('src', 'db', 'schema.sql')} changed after the last build`);
    build();
    expect((await start()).code).toBe(0);
  });

  it('refuses a build when a source was added or removed since', async () => {
    build();
    writeFileSync(path.join(root, 'src', 'added.ts'), 'export {};\n');
    const older = new Date(Date.now() - 3_600_000);
    // An old modification time (a file restored from an archive): the list of files still differs.
    utimesSync(path.join(root, 'src', 'added.ts'), older, older);
    const added = await start();
    expect(added.code).toBe(1);
    expect(added.stderr).toContain('files were added to or removed from src/ since the last build');
    build();
    rmSync(path.join(root, 'src', 'added.ts'));
    expect((await start()).code).toBe(1);
  });
});
