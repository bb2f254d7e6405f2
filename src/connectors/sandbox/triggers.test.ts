import { describe, expect, it } from 'vitest';
import { triggerFor } from './triggers.ts';

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
