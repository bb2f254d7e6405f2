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
