import type { ConnectorContext } from '../../../src/connectors/types.ts';
import { type FakeApp, type FakeUser, type FakeX, startFakeX } from './fake-x.ts';

/** A fake X with one developer app and one account whose tokens were generated for it. */
export interface XWorld {
  fake: FakeX;
  app: FakeApp;
  user: FakeUser;
  /** The BYO headers of that app, as the core hands them to the connector (lower-cased names). */
  keys: Record<string, string>;
  /** What POST /api/accounts stores for that account. */
  credentials: Record<string, unknown>;
}

export function byoHeaders(app: FakeApp): Record<string, string> {
  return { 'x-twitter-oauth1-api-key': app.key, 'x-twitter-oauth1-api-secret': app.secret };
}

export async function startXWorld(): Promise<XWorld> {
  const fake = await startFakeX();
  const app = fake.addApp({ key: 'byo-app-key-1', secret: 'byo-app-secret-1' });
  const user = fake.addUser({
    username: 'heraldtest',
    name: 'Herald Test',
    token: '1880000000000000001-AccessTokenOfHeraldTest',
    tokenSecret: 'access-token-secret-of-herald-test',
    appKey: app.key,
  });
  return {
    fake,
    app,
    user,
    keys: byoHeaders(app),
    credentials: { accessToken: user.token, accessTokenSecret: user.tokenSecret },
  };
}

/**
 * The core keeps `progress` per target; a context shared by several publishes in a
 * test must do the same, or one target would resume another's thread.
 */
export function perTargetProgress(
  ctx: ConnectorContext,
  targetId: string,
  store: Map<string, Record<string, unknown>>,
) {
  return {
    ...ctx,
    progress: {
      load: () => store.get(targetId) ?? null,
      async save(next: Record<string, unknown>) {
        store.set(targetId, next);
      },
    },
  };
}
