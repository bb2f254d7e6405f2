import { describe, expect, it } from 'vitest';
import { clientConfig } from './client-config.ts';
import { ConfigError } from './config.ts';

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
