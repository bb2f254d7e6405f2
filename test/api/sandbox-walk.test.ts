import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATIONS } from '../../src/connectors/declarations.ts';
import { COMMENT_ONLY_CODES } from '../../src/connectors/sandbox/comments.ts';
import { sampleError } from '../../src/connectors/sandbox/connector.ts';
import { triggerableEntries } from '../../src/connectors/sandbox/triggers.ts';
import { buildErrorBody, httpStatusOf } from '../../src/errors/build.ts';
import { CATALOG } from '../../src/errors/catalog/index.ts';
import { PLATFORMS, type Platform } from '../../src/platforms.ts';
import { linkSandbox, startTestHerald, type TestHerald, X_KEYS } from '../helpers/herald.ts';

let t: TestHerald;
beforeAll(async () => {
  // The walk posts far more than a day's budget on some networks: lift the budgets.
  const budgets = Object.fromEntries(
    PLATFORMS.filter((p) => DECLARATIONS[p].dailyBudget).map((p) => [
      `HERALD_${p.toUpperCase()}_DAILY_BUDGET`,
      '100000',
    ]),
  );
  t = await startTestHerald({ env: budgets });
  await linkSandbox(t, PLATFORMS);
});
afterAll(() => t.stop());

/** A post every network accepts apart from the trigger: media and options where a network needs them. */
function bodyFor(platforms: readonly Platform[], text: string) {
  return {
    post: text,
    platforms,
    mediaUrls: platforms.some(
      (p) => DECLARATIONS[p].media.requiresMedia && DECLARATIONS[p].media.maxImages === 0,
    )
      ? ['https://media.example.com/clip.mp4']
      : platforms.some((p) => DECLARATIONS[p].media.requiresMedia)
        ? ['https://media.example.com/photo.jpg']
        : [],
    redditOptions: { title: 'A title', subreddit: 'news' },
    youTubeOptions: { title: 'A title' },
  };
}

// 288 is met by comment calls only: its trigger reaches comments (test/api/comments.test.ts), never a publish.
const NETWORK_CODES = CATALOG.filter(
  (entry) => entry.scope === 'network' && !COMMENT_ONLY_CODES.has(entry.code),
);
/** 441 is produced before anything is stored (caption enhancement): test/api/caption-enhancement.test.ts walks it. */
const PUBLISH_CODES = NETWORK_CODES.filter((entry) => entry.code !== 441);

describe('sandbox accounts: every network-level code is triggerable', () => {
  it('each code is produced by at least one network', () => {
    for (const entry of NETWORK_CODES) expect(entry.platforms?.length, String(entry.code)).toBeGreaterThan(0);
  });

  it.each(PUBLISH_CODES.map((e) => [e.code, e] as const))(
    '#sandbox-fail-%i fails exactly the networks that can produce it, with the live body',
    async (code, entry) => {
      // Video-only networks and image networks in separate posts, so media rules never interfere.
      const groups = [
        PLATFORMS.filter((p) => DECLARATIONS[p].media.maxImages > 0),
        PLATFORMS.filter((p) => DECLARATIONS[p].media.maxImages === 0),
      ];
      for (const group of groups) {
        const res = await t.request(
          'POST',
          '/api/post',
          bodyFor(group, `walk #sandbox-fail-${code}`),
          X_KEYS,
        );
        const expected = group
          .filter((p) => entry.platforms?.includes(p))
          .map((p) =>
            buildErrorBody({
              ...sampleError(DECLARATIONS[p], entry, 'default', {
                options: p === 'reddit' ? { title: 'A title', subreddit: 'news' } : {},
              }),
              post: `walk #sandbox-fail-${code}`,
            }),
          );
        const errors = res.body.errors as Record<string, unknown>[];
        expect(errors.map((e) => e.platform).sort()).toEqual(expected.map((e) => e.platform).sort());
        for (const body of expected) expect(errors).toContainEqual(body);
        expect(res.status).toBe(expected.length > 0 ? httpStatusOf(code) : 200);
        const succeeded = (res.body.postIds as { platform: string }[]).map((p) => p.platform).sort();
        expect(succeeded).toEqual(group.filter((p) => !entry.platforms?.includes(p)).sort());
      }
    },
  );

  it('#sandbox-fail-<platform>-<code> fails only that network, with the seed HTTP status', async () => {
    const res = await t.request(
      'POST',
      '/api/post',
      bodyFor(['instagram', 'facebook'], '#sandbox-fail-instagram-435'),
    );
    expect(res.status).toBe(429);
    expect(res.body.errors).toEqual([
      {
        action: 'rate limit',
        status: 'error',
        code: 435,
        message: 'Instagram rate limit reached. Please wait before retrying your post.',
        details: 'Retry-After: 3600',
        platform: 'instagram',
      },
    ]);
  });

  it('variants are triggerable: #sandbox-fail-258-relink', async () => {
    const res = await t.request('POST', '/api/post', bodyFor(['instagram'], '#sandbox-fail-258-relink'));
    expect(res.body.errors).toEqual([
      {
        action: 'post',
        status: 'error',
        code: 258,
        message:
          'Error with Instagram. Please unlink and relink your Instagram account, granting all permissions, then retry.',
        retryAvailable: true,
        relink: true,
        platform: 'instagram',
      },
    ]);
  });

  it('a reddit failure names the subreddit of the post', async () => {
    const res = await t.request('POST', '/api/post', {
      ...bodyFor(['reddit'], '#sandbox-fail-442'),
      redditOptions: { title: 'T', subreddit: 'typescript' },
    });
    expect((res.body.errors as { message: string }[])[0]?.message).toBe(
      "You've been banned from posting to r/typescript. This post will not succeed on retry — remove it from your target subreddits.",
    );
  });

  it('every network has triggerable codes', () => {
    for (const p of PLATFORMS) expect(triggerableEntries(p).length, p).toBeGreaterThan(5);
  });
});
