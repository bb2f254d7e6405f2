import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../platforms.ts';
import { DECLARATIONS, LIVE_CONNECTORS } from './registry.ts';
import { parseTriggers } from './sandbox/triggers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const NOT_NETWORKS = new Set(['shared', 'sandbox']);

describe('connector registry', () => {
  it('has exactly one folder per network, named by its id', () => {
    const folders = readdirSync(here).filter(
      (f) => statSync(path.join(here, f)).isDirectory() && !NOT_NETWORKS.has(f),
    );
    expect(folders.sort()).toEqual([...PLATFORMS].sort());
    expect(Object.keys(DECLARATIONS).sort()).toEqual([...PLATFORMS].sort());
  });

  it.each(PLATFORMS)('%s: declaration is well-formed', (id) => {
    const d = DECLARATIONS[id];
    expect(d.id).toBe(id);
    expect(d.name.length).toBeGreaterThan(1);
    expect((d.optionsSchema as { type?: string }).type).toBe('object');
    expect(d.text.limit).toBeGreaterThan(0);
    expect(d.credentials.length).toBeGreaterThan(0);
    for (const field of d.credentials) expect(field.description.length).toBeGreaterThan(3);
    const sample = d.sandboxPost({
      key: 'ab'.repeat(32),
      numeric: '1234567890123456789',
      username: 'u',
      options: {},
    });
    expect(sample.postUrl).toMatch(/^https:\/\//);
    expect(sample.id.length).toBeGreaterThan(3);
  });

  it('live connectors declare the network they serve', () => {
    for (const [id, connector] of Object.entries(LIVE_CONNECTORS)) expect(connector?.declaration.id).toBe(id);
  });
});

describe('sandbox triggers', () => {
  it.each([
    ['#sandbox-fail-440', [{ code: 440 }]],
    ['x #sandbox-fail-instagram-440 y', [{ code: 440, platform: 'instagram' }]],
    ['#sandbox-fail-258-relink', [{ code: 258, variant: 'relink' }]],
    [
      '#sandbox-fail-facebook-107 #sandbox-fail-twitter-110',
      [
        { code: 107, platform: 'facebook' },
        { code: 110, platform: 'twitter' },
      ],
    ],
    ['no trigger #sandbox-fail- #sandbox-fail-44', []],
  ])('%s', (text, expected) => expect(parseTriggers(text)).toEqual(expected));
});
