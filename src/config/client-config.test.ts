import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientConfig as clientConfigOf } from './client-config.ts';
import { writeProfileFile } from './client-profile-file.ts';
import { ConfigError } from './config.ts';
import type { Env } from './env.ts';

/** A config folder of its own, so the machine's ~/.config/herald never takes part. */
const emptyConfigHome = () => mkdtempSync(join(tmpdir(), 'herald-client-config-'));
const clientConfig = (env: Env, options?: { profile?: string }) =>
  clientConfigOf({ XDG_CONFIG_HOME: emptyConfigHome(), ...env }, options);

describe('clientConfig (herald mcp)', () => {
  it('defaults to the local Herald and needs only an API key', () => {
    expect(clientConfig({ HERALD_API_KEY: ' key-0123 ' })).toEqual({
      url: 'http://127.0.0.1:3000',
      apiKey: 'key-0123',
      requestSecrets: {},
    });
  });

  it('reads the URL, the profile key and X’s BYO keys as their headers', () => {
    expect(
      clientConfig({
        HERALD_URL: 'https://herald.example.com/',
        HERALD_API_KEY: 'k',
        HERALD_PROFILE_KEY: 'P',
        HERALD_X_TWITTER_OAUTH1_API_KEY: 'ck',
        HERALD_X_TWITTER_OAUTH1_API_SECRET: 'cs',
      }),
    ).toEqual({
      url: 'https://herald.example.com',
      apiKey: 'k',
      profileKey: 'P',
      requestSecrets: { 'x-twitter-oauth1-api-key': 'ck', 'x-twitter-oauth1-api-secret': 'cs' },
    });
  });

  it('reports every problem at once, never echoing a URL that carries a password', () => {
    let error: unknown;
    try {
      clientConfig({ HERALD_URL: 'https://me:hunter2@herald.example.com' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('HERALD_URL must be an http(s) URL without credentials');
    expect(message).toContain('HERALD_API_KEY is required');
    expect(message).not.toContain('hunter2');
  });

  it.each(['ftp://herald.example.com', 'not a url', 'https://herald.example.com/?key=1'])(
    'refuses %s',
    (url) => {
      expect(() => clientConfig({ HERALD_URL: url, HERALD_API_KEY: 'k' })).toThrow(ConfigError);
    },
  );
});

describe('clientConfig with a profile file', () => {
  const home = () => {
    const dir = emptyConfigHome();
    writeProfileFile(join(dir, 'herald', 'config.json'), {
      default: 'prod',
      profiles: {
        prod: { url: 'https://herald.example.com/', apiKey: 'prod-key' },
        staging: { url: 'https://staging.example.com', apiKey: 'staging-key', profileKey: 'SP' },
      },
    });
    return dir;
  };

  it.each<[string, Env, { profile?: string }, object]>([
    [
      'the default entry',
      {},
      {},
      { url: 'https://herald.example.com', apiKey: 'prod-key', profileName: 'prod' },
    ],
    [
      'HERALD_PROFILE’s entry',
      { HERALD_PROFILE: 'staging' },
      {},
      { url: 'https://staging.example.com', apiKey: 'staging-key', profileKey: 'SP', profileName: 'staging' },
    ],
    [
      'the entry, each variable overriding its field',
      { HERALD_API_KEY: 'env-key', HERALD_PROFILE_KEY: 'EP' },
      {},
      { url: 'https://herald.example.com', apiKey: 'env-key', profileKey: 'EP', profileName: 'prod' },
    ],
    [
      '--profile’s entry whole: the flag wins over HERALD_PROFILE and the variables',
      { HERALD_PROFILE: 'prod', HERALD_URL: 'https://elsewhere.example.com', HERALD_API_KEY: 'env-key' },
      { profile: 'staging' },
      { url: 'https://staging.example.com', apiKey: 'staging-key', profileKey: 'SP', profileName: 'staging' },
    ],
  ])('takes %s', (_, env, options, expected) => {
    expect(clientConfigOf({ XDG_CONFIG_HOME: home(), ...env }, options)).toEqual({
      requestSecrets: {},
      ...expected,
    });
  });

  it('uses the only entry when the file names no default', () => {
    const dir = emptyConfigHome();
    writeProfileFile(join(dir, 'herald', 'config.json'), { profiles: { solo: { apiKey: 'k' } } });
    expect(clientConfigOf({ XDG_CONFIG_HOME: dir })).toMatchObject({
      url: 'http://127.0.0.1:3000',
      apiKey: 'k',
      profileName: 'solo',
    });
  });

  it('refuses a profile name the file does not have, listing those it has', () => {
    expect(() => clientConfigOf({ XDG_CONFIG_HOME: home() }, { profile: 'dev' })).toThrow(
      /no profile "dev" in .*config\.json \(it has prod, staging\)/,
    );
    expect(() => clientConfigOf({ XDG_CONFIG_HOME: emptyConfigHome(), HERALD_PROFILE: 'dev' })).toThrow(
      /no profile "dev"/,
    );
  });

  it('says which entry lacks a key', () => {
    const dir = emptyConfigHome();
    writeProfileFile(join(dir, 'herald', 'config.json'), {
      profiles: { bare: { url: 'https://h.example' } },
    });
    expect(() => clientConfigOf({ XDG_CONFIG_HOME: dir })).toThrow(/profile "bare" in .* has no apiKey/);
  });
});
