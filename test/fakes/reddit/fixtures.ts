import { type FakeReddit, type FakeRedditor, startFakeReddit } from './fake-reddit.ts';

/** A fake Reddit with one app, one redditor and a few subreddits with rules. */
export interface RedditWorld {
  fake: FakeReddit;
  user: FakeRedditor;
  /** What POST /api/accounts takes (a renewable token). */
  credentials: Record<string, unknown>;
}

export const REDDIT_APP = { clientId: 'herald-test-app', clientSecret: 'reddit-app-secret' };

export async function startRedditWorld(): Promise<RedditWorld> {
  const fake = await startFakeReddit();
  fake.apps.set(REDDIT_APP.clientId, REDDIT_APP.clientSecret);
  const user = {
    id: '1w72',
    name: 'herald_tester',
    token: 'reddit-access-token-1',
    refreshToken: 'reddit-refresh-token-1',
  };
  fake.users.push(user);
  fake.addSubreddit('test');
  fake.addSubreddit('news', { banned: new Set([user.name]) });
  fake.addSubreddit('typescript', { requirements: { title_blacklisted_strings: ['crypto'] } });
  fake.addSubreddit('pics', { requirements: { is_flair_required: true, title_text_min_length: 10 } });
  return {
    fake,
    user,
    credentials: { accessToken: user.token, refreshToken: user.refreshToken, ...REDDIT_APP },
  };
}
