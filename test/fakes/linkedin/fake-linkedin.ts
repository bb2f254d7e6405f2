import type { ServerResponse } from 'node:http';
import { EngagementBook } from '../engagement.ts';
import { type FakeRequest, listen, type Reply, type ScriptedReply, Scripts, send } from '../http.ts';
import { handleAnalytics } from './analytics.ts';
import { type FakeLinkedInComment, handleComments } from './comments.ts';
import { liError } from './errors.ts';
import { handleImages, handlePosts } from './posts.ts';

/**
 * A fake LinkedIn REST API on loopback, as platform-apis.md §8 documents it: bearer
 * tokens, `LinkedIn-Version` required (400 VERSION_MISSING without, 426
 * NONEXISTENT_VERSION for a retired one), 201 with an empty body and the id in
 * `x-restli-id`, a 422 naming the existing post for a duplicate, percent-encoded URNs
 * in paths, and little-text commentary silently truncated at an unescaped reserved
 * character. Tests read what it received and script its next answers.
 */

export interface FakeMember {
  token: string;
  /** The OpenID `sub`: the member is urn:li:person:<sub>. */
  sub: string;
  name: string;
  /** Organization URN → role (ADMINISTRATOR, CONTENT_ADMIN…). */
  roles: Map<string, string>;
  /**
   * OAuth scopes the token was granted (member analytics need r_member_postAnalytics;
   * reading comments as a member r_member_social, which LinkedIn grants to select developers only).
   */
  scopes: Set<string>;
  revoked?: boolean;
  /** The token's 60 days are over: 401 EXPIRED_ACCESS_TOKEN (65602), as LinkedIn documents. */
  expired?: boolean;
}

export interface FakePost {
  urn: string;
  author: string;
  /** The commentary exactly as sent. */
  commentary: string;
  /** What LinkedIn shows: the commentary read as little text (cut at an unescaped reserved character). */
  shown: string;
  content?: Record<string, unknown>;
  isReshareDisabledByAuthor?: boolean;
  deleted: boolean;
  /** Epoch milliseconds, as LinkedIn prints `createdAt`. */
  createdAt: number;
}

export interface FakeImage {
  urn: string;
  owner: string;
  uploaded?: { bytes: number; type: string; bearer: boolean };
}

export interface LinkedInState {
  origin: string;
  members: FakeMember[];
  organizations: Map<string, { localizedName: string; vanityName: string }>;
  posts: FakePost[];
  images: Map<string, FakeImage>;
  comments: FakeLinkedInComment[];
  /** Send `code: DUPLICATE_POST` with duplicates (LinkedIn sometimes does, sometimes not). */
  duplicateCode: boolean;
  nextId(): string;
}

export interface FakeLinkedIn extends LinkedInState {
  url: string;
  /** Counts the analytics answer, per post URN or member/organization (derived unless a test sets them). */
  engagement: EngagementBook;
  requests: { method: string; path: string; version?: string; protocol?: string }[];
  script(script: ScriptedReply): void;
  addMember(
    member: Omit<FakeMember, 'roles' | 'scopes'> & { roles?: Map<string, string>; scopes?: Set<string> },
  ): FakeMember;
  postsOf(author: string): FakePost[];
  close(): Promise<void>;
}

/** Versions LinkedIn still serves (about a year back from the current one). */
const OLDEST_ACTIVE = 202506;

function versionProblem(request: FakeRequest): Reply | undefined {
  const version = request.headers['linkedin-version'];
  if (typeof version !== 'string' || version === '') {
    return liError(
      400,
      'VERSION_MISSING',
      'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
    );
  }
  if (!/^\d{6}$/.test(version) || Number(version) < OLDEST_ACTIVE) {
    return liError(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
  }
  return undefined;
}

export async function startFakeLinkedIn(): Promise<FakeLinkedIn> {
  let counter = 7_180_000_000_000_000_000n;
  const scripts = new Scripts();
  const requests: FakeLinkedIn['requests'] = [];
  const engagement = new EngagementBook();
  const state: LinkedInState = {
    origin: '',
    members: [],
    organizations: new Map(),
    posts: [],
    images: new Map(),
    comments: [],
    duplicateCode: false,
    nextId: () => {
      counter += 1n;
      return String(counter);
    },
  };

  async function handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    const version = request.headers['linkedin-version'];
    const protocol = request.headers['x-restli-protocol-version'];
    requests.push({
      method: request.method,
      path: request.rawUrl,
      ...(typeof version === 'string' ? { version } : {}),
      ...(typeof protocol === 'string' ? { protocol } : {}),
    });
    // The upload URL is LinkedIn's own host; it takes the bytes with or without the bearer.
    if (request.method === 'PUT' && request.path.startsWith('/dms-uploads/'))
      return send(res, handleImages(state, request, undefined));
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const member = state.members.find((m) => m.token === token);
    if (!member) return send(res, liError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600));
    if (member.revoked) {
      return send(
        res,
        liError(
          401,
          'REVOKED_ACCESS_TOKEN',
          'The token used in the request has been revoked by the user',
          65601,
        ),
      );
    }
    if (member.expired)
      return send(
        res,
        liError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602),
      );
    const scripted = scripts.take(request.method, request.path);
    if (scripted && !scripted.lose) return send(res, scripted);
    if (request.method === 'GET' && request.path === '/v2/userinfo') {
      return send(res, {
        status: 200,
        body: { sub: member.sub, name: member.name, given_name: member.name.split(' ')[0] },
      });
    }
    if (!request.path.startsWith('/rest/')) return send(res, liError(404, undefined, 'Not Found'));
    const stale = versionProblem(request);
    if (stale) return send(res, stale);
    const org = /^\/rest\/organizations\/(\d+)$/.exec(request.path);
    if (request.method === 'GET' && org) {
      const page = state.organizations.get(org[1] ?? '');
      return send(
        res,
        page ? { status: 200, body: { id: Number(org[1]), ...page } } : liError(404, undefined, 'Not Found'),
      );
    }
    if (request.method === 'GET' && request.path === '/rest/organizationAcls') {
      const elements = [...member.roles].map(([organization, role]) => ({
        organization,
        role,
        state: 'APPROVED',
        roleAssignee: `urn:li:person:${member.sub}`,
      }));
      return send(res, { status: 200, body: { elements, paging: { count: 10, start: 0, links: [] } } });
    }
    const analytics = handleAnalytics(state, engagement, request, member);
    if (analytics) return send(res, analytics);
    const reply = request.path.startsWith('/rest/images')
      ? handleImages(state, request, member)
      : request.path.startsWith('/rest/socialActions/')
        ? handleComments(state, request, member)
        : handlePosts(state, request, member);
    // Handled, and the answer lost on the way back.
    if (scripted?.lose) return void res.socket?.destroy();
    return send(res, reply);
  }

  const server = await listen(handle);
  state.origin = server.origin;
  return Object.assign(state, {
    url: server.origin,
    engagement,
    requests,
    script: (script: ScriptedReply) => scripts.add(script),
    addMember(
      member: Omit<FakeMember, 'roles' | 'scopes'> & { roles?: Map<string, string>; scopes?: Set<string> },
    ) {
      const full: FakeMember = {
        roles: new Map(),
        scopes: new Set(['openid', 'profile', 'w_member_social', 'r_member_postAnalytics']),
        ...member,
      };
      state.members.push(full);
      return full;
    },
    postsOf: (author: string) => state.posts.filter((p) => p.author === author && !p.deleted),
    close: server.close,
  });
}
