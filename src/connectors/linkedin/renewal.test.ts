import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import type { FakeMember } from '../../../test/fakes/linkedin/fake-linkedin.ts';
import { type LinkedInWorld, startLinkedInWorld } from '../../../test/fakes/linkedin/fixtures.ts';
import type { ConnectorContext, LinkedAccount, RenewAccessResult } from '../types.ts';
import { linkedinComments as comments } from './comments.ts';
import { linkedinConnector as linkedin } from './connector.ts';

/**
 * Renewal on a 401 as the connector sees it (renewing-fetch.ts): LinkedIn refuses a token
 * whose 60 days are over with 401 EXPIRED_ACCESS_TOKEN (65602); with a refresh token
 * (partner apps) the connector asks the core once (ctx.renewAccess, stood in for here by
 * what the core answers) and sends the refused request again — for a publish, a comment
 * and a comments read alike. A revoked token (65601) is not renewed. The core's side is
 * tested through the API in test/linking/renew-on-401.test.ts.
 */

let world: LinkedInWorld;
let member: FakeMember;
let account: LinkedAccount;

beforeAll(async () => {
  world = await startLinkedInWorld();
  account = linkedAccountOf(await linkedin.verifyCredentials(world.credentials, testContext(world.fake.url)));
});
afterAll(async () => {
  await world?.fake.close();
});

/** The member's current token expires; the account holds it and a refresh token. */
function expiredAccount(): LinkedAccount {
  member = world.fake.members.at(-1) as FakeMember;
  member.expired = true;
  return {
    ...account,
    credentials: { ...account.credentials, accessToken: member.token, refreshToken: 'AQX-refresh' },
  };
}

/** A context whose core renews by minting a new token for the member at the fake. */
function renewing(): ConnectorContext & { asked: Record<string, unknown>[] } {
  const ctx = Object.assign(testContext(world.fake.url), { asked: [] as Record<string, unknown>[] });
  ctx.apiVersion = '202601';
  ctx.renewAccess = async (current): Promise<RenewAccessResult> => {
    ctx.asked.push({ ...current });
    const next = world.fake.addMember({
      token: `AQV-renewed-${randomUUID()}`,
      sub: member.sub,
      name: member.name,
      roles: member.roles,
      scopes: member.scopes,
    });
    return { ok: true, credentials: { ...current, accessToken: next.token } };
  };
  return ctx;
}

describe('LinkedIn: an expired token met on a call', () => {
  it('a publish renews it once and the post goes out', async () => {
    const ctx = renewing();
    const before = world.fake.postsOf(world.person).length;
    const outcome = await linkedin.publish(
      {
        targetId: randomUUID(),
        text: `Renewed ${randomUUID()}`,
        media: [],
        options: {},
        account: expiredAccount(),
      },
      ctx,
    );
    expect(outcome).toMatchObject({ kind: 'published' });
    expect(ctx.asked).toHaveLength(1);
    expect(ctx.asked[0]).toMatchObject({ refreshToken: 'AQX-refresh' });
    expect(world.fake.postsOf(world.person).length - before).toBe(1);
  });

  it('a comment and a comments read renew it the same way', async () => {
    const post = world.fake.postsOf(world.person).at(-1)?.urn as string;
    const writing = renewing();
    const write = { key: 'k', text: 'After renewal', media: [], account: expiredAccount(), postId: post };
    expect(await comments.comment(write, writing)).toMatchObject({ kind: 'commented' });
    expect(writing.asked).toHaveLength(1);

    // Reading comments as a member takes r_member_social (select developers).
    world.fake.members.at(-1)?.scopes.add('r_member_social');
    const reading = renewing();
    const listed = await comments.list({ id: post, of: 'post', account: expiredAccount() }, reading);
    expect(JSON.stringify(listed)).toContain('After renewal');
    expect(reading.asked).toHaveLength(1);
  });

  it('a revoked token (65601) is not renewed: relink', async () => {
    const ctx = renewing();
    const revoked = expiredAccount();
    member.expired = false;
    member.revoked = true;
    const outcome = await linkedin.publish(
      { targetId: randomUUID(), text: `Revoked ${randomUUID()}`, media: [], options: {}, account: revoked },
      ctx,
    );
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 623, platform: 'linkedin' } });
    expect(ctx.asked).toEqual([]);
  });
});
