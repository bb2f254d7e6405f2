import { type GraphFake, startGraphFake } from '../graph/server.ts';
import type { FakeFacebookUser } from '../graph/state.ts';
import { type FakeAuthorizationServer, startAuthorizationServer } from './authorization-server.ts';
import { facebookShape, threadsShape } from './shapes.ts';

/**
 * Meta for the connect page: Facebook Login's authorization server (one Meta app serves
 * Facebook and Instagram), Threads' own, and the Graph API fake that already answers the
 * publish APIs, extended with the signed-in Facebook user (`/me/accounts` lists the
 * fake's Page, connected to the fake's Instagram account) and the Threads user.
 */
export interface MetaLinking {
  graph: GraphFake;
  facebook: FakeAuthorizationServer;
  threads: FakeAuthorizationServer;
  user: FakeFacebookUser;
  env: Record<string, string>;
  close(): Promise<void>;
}

const PERMISSIONS = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'instagram_basic',
  'instagram_content_publish',
  'business_management',
];

export async function startMetaLinking(): Promise<MetaLinking> {
  const graph = await startGraphFake();
  const user = graph.state.addUser('Alice Herald', []);
  const facebook = await startAuthorizationServer(facebookShape(), {
    user: { id: user.id, name: user.name },
    onIssue: ({ accessToken, scopes }) => {
      user.tokens.add(accessToken);
      // What the user allowed is granted; what they unticked (and never granted before) is declined.
      for (const permission of PERMISSIONS) {
        if (scopes.includes(permission)) user.permissions.set(permission, 'granted');
        else if (!user.permissions.has(permission)) user.permissions.set(permission, 'declined');
      }
    },
  });
  const threads = await startAuthorizationServer(threadsShape(), {
    user: { id: graph.threads.id, name: graph.threads.name },
    onIssue: ({ accessToken }) => graph.state.tokenOwners.set(accessToken, graph.threads.id),
  });
  const app = { id: facebook.client.id, secret: facebook.client.secret };
  return {
    graph,
    facebook,
    threads,
    user,
    env: {
      HERALD_FACEBOOK_CLIENT_ID: app.id,
      HERALD_FACEBOOK_CLIENT_SECRET: app.secret,
      HERALD_FACEBOOK_AUTH_URL: facebook.url,
      HERALD_FACEBOOK_API_URL: graph.url,
      HERALD_INSTAGRAM_CLIENT_ID: app.id,
      HERALD_INSTAGRAM_CLIENT_SECRET: app.secret,
      HERALD_INSTAGRAM_AUTH_URL: facebook.url,
      HERALD_INSTAGRAM_API_URL: graph.url,
      HERALD_THREADS_CLIENT_ID: threads.client.id,
      HERALD_THREADS_CLIENT_SECRET: threads.client.secret,
      HERALD_THREADS_AUTH_URL: threads.url,
      HERALD_THREADS_API_URL: graph.url,
    },
    close: async () => {
      await facebook.close();
      await threads.close();
      await graph.close();
    },
  };
}
