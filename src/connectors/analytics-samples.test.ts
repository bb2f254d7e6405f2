import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../platforms.ts';
import type { SampleSeed } from './analytics-types.ts';
import { LIVE_CONNECTORS } from './registry.ts';

/**
 * The sandbox's invented metrics go through each network's live builders: every field the
 * live shape names is present (no `undefined`, which JSON would drop), and the numbers
 * depend on the object's id only.
 */
const seed = (id: string): SampleSeed => ({
  id,
  postUrl: `https://example.test/${id}`,
  username: 'sandbox_user',
  text: 'A sandbox post',
  created: '2026-01-10T10:00:00.000Z',
});

const WITH_ANALYTICS = PLATFORMS.filter((p) => LIVE_CONNECTORS[p]?.analytics);

function undefinedKeys(value: unknown, path = ''): string[] {
  if (value === undefined) return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => undefinedKeys(child, `${path}.${key}`));
}

describe.each(WITH_ANALYTICS)('%s samples', (platform) => {
  const samples = LIVE_CONNECTORS[platform]?.analytics?.samples;
  if (!samples) throw new Error('no samples');

  it.each([
    ['post', () => samples.post(seed('p1'))],
    ['account', () => samples.account(seed('a1'))],
    ['history item', () => samples.historyItem(seed('h1'), 0)],
  ])('%s: every field has a value', (_name, make) => {
    expect(undefinedKeys(make())).toEqual([]);
  });

  it('the same id gives the same numbers; another id other numbers', () => {
    expect(samples.post(seed('p1'))).toEqual(samples.post(seed('p1')));
    expect(samples.post(seed('p1'))).not.toEqual(samples.post(seed('p2')));
  });
});
