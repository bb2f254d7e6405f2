import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileFilePath, readProfileFile, writeProfileFile } from './client-profile-file.ts';
import { ConfigError } from './config.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'herald-profile-file-'));

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('the client profile file', () => {
  it('lives under XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(profileFilePath('/x/conf')).toBe('/x/conf/herald/config.json');
    expect(profileFilePath('relative/conf')).toMatch(/\/\.config\/herald\/config\.json$/);
    expect(profileFilePath(undefined)).toMatch(/\/\.config\/herald\/config\.json$/);
  });

  it('is written 0600 in a 0700 folder, whatever the umask, and read back', () => {
    const path = join(folder(), 'herald', 'config.json');
    const previous = process.umask(0o000);
    try {
      writeProfileFile(path, {
        default: 'prod',
        profiles: { prod: { url: 'https://h.example', apiKey: 'k1' } },
      });
    } finally {
      process.umask(previous);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(readProfileFile(path)).toEqual({
      default: 'prod',
      profiles: { prod: { url: 'https://h.example', apiKey: 'k1' } },
    });
  });

  it('is absent: undefined', () => {
    expect(readProfileFile(join(folder(), 'none.json'))).toBeUndefined();
  });

  it.each([0o644, 0o640, 0o604, 0o660])(
    'holding a key with mode %o is refused, as ssh refuses an open private key',
    (mode) => {
      const path = join(folder(), 'config.json');
      writeFileSync(path, JSON.stringify({ profiles: { a: { apiKey: 'secret-key-123' } } }));
      chmodSync(path, mode);
      const message = problemsOf(() => readProfileFile(path));
      expect(message).toContain(`chmod 600 ${path}`);
      expect(message).not.toContain('secret-key-123');
    },
  );

  it('without a key, a readable file is fine (URLs and profile keys only)', () => {
    const path = join(folder(), 'config.json');
    writeFileSync(path, JSON.stringify({ profiles: { a: { url: 'https://h.example' } } }));
    chmodSync(path, 0o644);
    expect(readProfileFile(path)?.profiles.a).toEqual({ url: 'https://h.example' });
  });

  it.each([
    ['not json', '{', 'is not JSON'],
    ['an array', '[]', 'expected {"default"'],
    ['a bad default', '{"default": 3, "profiles": {}}', '"default" must be a profile name'],
    ['an unknown field', '{"profiles": {"a": {"key": "x"}}}', 'unknown field "key"'],
    ['a number for a string', '{"profiles": {"a": {"url": 3}}}', '"url" must be a string'],
  ])('refuses %s, naming what is wrong', (_, content, problem) => {
    const path = join(folder(), 'config.json');
    writeFileSync(path, content, { mode: 0o600 });
    expect(problemsOf(() => readProfileFile(path))).toContain(problem);
  });

  it('keeps the previous file whole when a write cannot happen', () => {
    const path = join(folder(), 'config.json');
    writeProfileFile(path, { profiles: { a: { apiKey: 'one' } } });
    // A stale temporary file of this process: the exclusive create refuses, the file stays.
    writeFileSync(`${path}.${process.pid}.tmp`, 'junk');
    expect(() => writeProfileFile(path, { profiles: { b: { apiKey: 'two' } } })).toThrow();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ profiles: { a: { apiKey: 'one' } } });
  });
});
