import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../src/config/config.ts';

describe('media configuration', () => {
  it('has safe defaults: nothing non-public allowed, Herald’s own address as public URL', () => {
    const config = loadConfig({ HERALD_HOST: '0.0.0.0', HERALD_PORT: '8080' });
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
    expect(config.media).toMatchObject({
      maxBytes: 1_073_741_824,
      timeoutMs: 15_000,
      cacheTtlMs: 60_000,
      presignedMarginMs: 900_000,
      sandboxChecks: false,
    });
    expect(config.media.allow.hosts.size + config.media.allow.networks.length).toBe(0);
  });

  it('reads every media variable', () => {
    const config = loadConfig({
      HERALD_PUBLIC_URL: 'https://herald.example.com/',
      HERALD_MEDIA_ALLOW: 'media.intranet,10.0.0.0/8',
      HERALD_MEDIA_MAX_BYTES: '1048576',
      HERALD_MEDIA_TIMEOUT_MS: '5000',
      HERALD_MEDIA_CACHE_TTL_MS: '0',
      HERALD_PRESIGNED_MARGIN_MS: '60000',
      HERALD_SANDBOX_MEDIA_CHECKS: 'true',
    });
    expect(config.publicUrl).toBe('https://herald.example.com');
    expect([...config.media.allow.hosts]).toEqual(['media.intranet']);
    expect(config.media.allow.networks).toHaveLength(1);
    expect(config.media).toMatchObject({
      maxBytes: 1_048_576,
      timeoutMs: 5000,
      cacheTtlMs: 0,
      presignedMarginMs: 60_000,
      sandboxChecks: true,
    });
  });

  it('reports every media problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        HERALD_PUBLIC_URL: 'herald.example.com',
        HERALD_MEDIA_ALLOW: '10.0.0.0/99',
        HERALD_MEDIA_TIMEOUT_MS: 'soon',
        HERALD_SANDBOX_MEDIA_CHECKS: 'yes',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.problems).toEqual([
      'HERALD_MEDIA_ALLOW: "10.0.0.0/99" has a bad prefix length',
      'HERALD_SANDBOX_MEDIA_CHECKS must be "true" or "false"; got "yes"',
      'HERALD_PUBLIC_URL must be an http(s) URL; got "herald.example.com"',
      'HERALD_MEDIA_TIMEOUT_MS must be an integer from 100 to 600000; got "soon"',
    ]);
  });
});
