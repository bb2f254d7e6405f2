import { describe, expect, it } from 'vitest';
import { parseTriggers, triggerFor } from './triggers.ts';

describe('sandbox triggers', () => {
  it.each([
    ['#sandbox-fail-440', [{ code: 440 }]],
    ['#sandbox-fail-instagram-440', [{ code: 440, platform: 'instagram' }]],
    ['#sandbox-fail-258-relink', [{ code: 258, variant: 'relink' }]],
    ['#sandbox-fail-once-440', [{ code: 440, once: true }]],
    ['#sandbox-fail-once-instagram-440', [{ code: 440, platform: 'instagram', once: true }]],
    [
      '#sandbox-fail-once-instagram-258-relink',
      [{ code: 258, platform: 'instagram', variant: 'relink', once: true }],
    ],
    ['no trigger here', []],
  ])('%s', (text, expected) => {
    expect(parseTriggers(text)).toEqual(expected);
  });

  it('a fail-once trigger applies to its network only, and says it is once', () => {
    expect(triggerFor('x #sandbox-fail-once-instagram-440', 'facebook')).toBeUndefined();
    expect(triggerFor('x #sandbox-fail-once-instagram-440', 'instagram')).toMatchObject({
      entry: { code: 440 },
      variant: 'default',
      once: true,
    });
    expect(triggerFor('x #sandbox-fail-instagram-440', 'instagram')).toMatchObject({ once: false });
  });
});

describe('sandbox triggers by path', () => {
  it.each([
    ['#sandbox-fail-444', 'facebook', 'publish', undefined],
    ['#sandbox-fail-444', 'facebook', 'analytics', '444.default'],
    ['#sandbox-fail-444', 'instagram', 'analytics', undefined],
    ['#sandbox-fail-475', 'linkedin', 'analytics', '475.default'],
    ['#sandbox-fail-475', 'linkedin', 'publish', undefined],
    ['#sandbox-fail-272-analytics', 'twitter', 'publish', undefined],
    ['#sandbox-fail-272-analytics', 'twitter', 'analytics', '272.analytics'],
    ['#sandbox-fail-272', 'twitter', 'publish', '272.default'],
    ['#sandbox-fail-272', 'twitter', 'analytics', undefined],
    ['#sandbox-fail-682', 'tiktok', 'analytics', '682.default'],
    ['#sandbox-fail-facebook-444 #sandbox-fail-linkedin-475', 'linkedin', 'analytics', '475.default'],
  ] as const)('%s on %s, %s path → %s', (text, platform, path, expected) => {
    const found = triggerFor(text, platform, path);
    expect(found ? `${found.entry.code}.${found.variant}` : undefined).toBe(expected);
  });
});
