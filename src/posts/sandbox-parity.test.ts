import { describe, expect, it } from 'vitest';
import { DECLARATIONS } from '../connectors/declarations.ts';
import type { MediaItem, PublishInput } from '../connectors/types.ts';
import { PLATFORMS } from '../platforms.ts';
import { validateTarget } from './validate-target.ts';

/**
 * No pre-network rule may tell a sandbox account from a live one: a sandbox refuses what
 * its network would. Every network's rules, run on the same inputs with a sandbox
 * account's stored credentials ({sandbox: true}) and with a live account's, answer alike.
 */

const IMAGE: MediaItem = { url: 'https://media.example.com/a.jpg', kind: 'image' };
const VIDEO: MediaItem = { url: 'https://media.example.com/a.mp4', kind: 'video' };
const X_KEYS = { 'x-twitter-oauth1-api-key': 'k', 'x-twitter-oauth1-api-secret': 's' };

const CASES: { text: string; media: MediaItem[]; secrets?: Record<string, string> }[] = [
  { text: 'hello', media: [] },
  { text: 'hello', media: [], secrets: X_KEYS },
  { text: 'a'.repeat(5_000), media: [IMAGE] },
  { text: 'clip', media: [VIDEO], secrets: X_KEYS },
  { text: 'album', media: [IMAGE, IMAGE, IMAGE, IMAGE, IMAGE, IMAGE] },
  { text: 'mixed', media: [IMAGE, VIDEO] },
];

function input(credentials: Record<string, unknown>, c: (typeof CASES)[number]): PublishInput {
  return {
    targetId: 't',
    text: c.text,
    media: c.media,
    options: {},
    account: { externalId: '1', username: 'u', displayName: 'U', credentials },
    ...(c.secrets ? { requestSecrets: c.secrets } : {}),
  };
}

describe('a sandbox account meets the same pre-network rules as a live one', () => {
  it.each(PLATFORMS)('%s', (platform) => {
    const declaration = DECLARATIONS[platform];
    for (const c of CASES) {
      const live = validateTarget(
        declaration,
        input({ accessToken: 't', accessTokenSecret: 's' }, c),
        undefined,
      );
      const sandbox = validateTarget(declaration, input({ sandbox: true }, c), undefined);
      expect(sandbox, `${c.text.slice(0, 10)} with ${c.media.length} media`).toEqual(live);
    }
  });
});
