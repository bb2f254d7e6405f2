import { type FakeLinkedIn, type FakeMember, startFakeLinkedIn } from './fake-linkedin.ts';

/** A fake LinkedIn with one member who administers one organization page. */
export interface LinkedInWorld {
  fake: FakeLinkedIn;
  member: FakeMember;
  person: string;
  organization: string;
  /** What POST /api/accounts takes to post as the member. */
  credentials: Record<string, unknown>;
}

export async function startLinkedInWorld(): Promise<LinkedInWorld> {
  const fake = await startFakeLinkedIn();
  const organization = 'urn:li:organization:2414183';
  fake.organizations.set('2414183', { localizedName: 'Herald Test Co', vanityName: 'herald-test-co' });
  const member = fake.addMember({
    token: 'AQV-linkedin-token-of-alice',
    sub: '782bbtaQ',
    name: 'Alice Herald',
    roles: new Map([[organization, 'ADMINISTRATOR']]),
  });
  const person = `urn:li:person:${member.sub}`;
  return { fake, member, person, organization, credentials: { author: person, accessToken: member.token } };
}
