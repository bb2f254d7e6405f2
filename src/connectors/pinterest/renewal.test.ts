import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { type PinterestWorld, startPinterestWorld } from '../../../test/fakes/pinterest/fixtures.ts';
import { type MediaServer, startMediaServer } from '../../../test/helpers/media-server.ts';
import type { LinkedAccount, MediaItem, PublishInput, RenewAccessResult } from '../types.ts';
import { createPinterestConnector } from './connector.ts';

/**
 * Renewal on a 401 as the connector sees it (renewing-fetch.ts): Pinterest refuses an
 * expired token with 401 code 1104; the connector asks the core once (ctx.renewAccess,
 * stood in for here by what the core answers: a new token Pinterest accepts, or a
 * refusal) and sends the refused request again. The core's own side (the refresh grant,
 * its lock, needs-relink) is tested through the API in test/linking/renew-on-401.test.ts.
 */

const CLIP = Buffer.from('\x00\x00\x00\x18ftypmp42 fake video bytes for the upload');
const IMAGE: MediaItem = { url: 'https://cdn.example.com/pin.jpg', kind: 'image' };
const connector = createPinterestConnector({ pollIntervalMs: 0, maxPolls: 3 });

let world: PinterestWorld;
let media: MediaServer;
let account: LinkedAccount;

beforeAll(async () => {
  world = await startPinterestWorld();
  media = await startMediaServer({ '/clip.mp4': { body: CLIP, type: 'video/mp4' } });
  const verified = await connector.verifyCredentials(world.credentials, testContext(world.fake.url));
  account = linkedAccountOf(verified);
});
afterAll(async () => {
  await world?.fake.close();
  await media?.close();
});
beforeEach(() => {
  world.fake.processingPolls = 1;
  // The stored token's 30 days are over.
  world.user.expired = true;
});

/** A context whose core renews by minting a new token at the fake, or refuses. */
function renewing(answer: 'renew' | 'refuse' = 'renew') {
  const ctx = testContext(world.fake.url);
  ctx.apiVersion = 'v5';
  const asked: Record<string, unknown>[] = [];
  ctx.renewAccess = async (current): Promise<RenewAccessResult> => {
    asked.push({ ...current });
    if (answer === 'refuse')
      return {
        ok: false,
        permanent: true,
        refusal: { status: 400, error: 'invalid_grant', description: 'Invalid refresh token' },
      };
    const accessToken = `pina_renewed-${randomUUID()}`;
    world.user.token = accessToken;
    world.user.expired = false;
    return { ok: true, credentials: { ...current, accessToken } };
  };
  return { ctx, asked };
}

function input(mediaItems: MediaItem[], credentials: Record<string, unknown> = {}): PublishInput {
  return {
    targetId: randomUUID(),
    text: `pin ${randomUUID()}`,
    media: mediaItems,
    options: {},
    account: {
      ...account,
      credentials: { ...account.credentials, accessToken: world.user.token, ...credentials },
    },
  };
}

const creates = () => world.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v5/pins').length;

describe('Pinterest: an expired token met on a call', () => {
  it('is renewed once through the core and the pin is created', async () => {
    const { ctx, asked } = renewing();
    const before = { creates: creates(), pins: world.fake.pins.length };
    const sent = input([IMAGE], { refreshToken: 'pinr_refresh-of-alice' });
    const outcome = await connector.publish(sent, ctx);
    expect(outcome).toMatchObject({ kind: 'published', id: world.fake.pins.at(-1)?.id });
    // The core got the credentials the refused call used, refresh token included.
    expect(asked).toEqual([sent.account.credentials]);
    expect(creates() - before.creates).toBe(2);
    expect(world.fake.pins.length - before.pins).toBe(1);
  });

  it('a refused renewal ends in the relink code, and the create is not sent again', async () => {
    const { ctx, asked } = renewing('refuse');
    const before = creates();
    const outcome = await connector.publish(input([IMAGE], { refreshToken: 'pinr_revoked' }), ctx);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 623, platform: 'pinterest' } });
    expect(asked).toHaveLength(1);
    expect(creates() - before).toBe(1);
  });

  it('an account without a refresh token is not renewed: relink', async () => {
    const { ctx, asked } = renewing();
    const outcome = await connector.publish(input([IMAGE]), ctx);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 623 } });
    expect(asked).toEqual([]);
  });

  it('a video: renewed once for every call of the publish; storage still gets no token', async () => {
    const { ctx, asked } = renewing();
    const sent = input([{ url: media.url('/clip.mp4'), kind: 'video' }], { refreshToken: 'pinr_refresh' });
    const outcome = await connector.publish(sent, ctx);
    expect(outcome.kind).toBe('published');
    expect(asked).toHaveLength(1);
    const mediaId = ctx.progress.load()?.videoMediaId as string;
    expect(world.fake.media.get(mediaId)?.uploaded).toMatchObject({ bearer: false });
  });

  it('a token refused again after its renewal is not renewed twice', async () => {
    const { ctx, asked } = renewing();
    const renew = ctx.renewAccess?.bind(ctx);
    // The new token is refused as well (revoked at once).
    ctx.renewAccess = async (current) => {
      const renewed = await renew?.(current);
      world.user.expired = true;
      return renewed ?? { ok: false, permanent: true, refusal: { status: 0, description: 'none' } };
    };
    const before = creates();
    const outcome = await connector.publish(input([IMAGE], { refreshToken: 'pinr_refresh' }), ctx);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 623 } });
    expect(asked).toHaveLength(1);
    expect(creates() - before).toBe(2);
  });

  it('a delete is renewed the same way', async () => {
    world.user.expired = false;
    const published = await connector.publish(input([IMAGE]), renewing().ctx);
    if (published.kind !== 'published') throw new Error('not published');
    world.user.expired = true;
    const { ctx, asked } = renewing();
    const remove = connector.delete;
    if (!remove) throw new Error('delete missing');
    const credentials = { ...account.credentials, accessToken: world.user.token, refreshToken: 'pinr_r' };
    expect(await remove({ id: published.id, account: { ...account, credentials } }, ctx)).toEqual({
      kind: 'deleted',
    });
    expect(asked).toHaveLength(1);
    expect(world.fake.pins.find((p) => p.id === published.id)?.deleted).toBe(true);
  });
});
