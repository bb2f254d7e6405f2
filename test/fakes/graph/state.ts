import { randomBytes } from 'node:crypto';
import { derivedEngagement, type Engagement } from '../engagement.ts';
import type { MetaError } from './meta-errors.ts';
import type { FakeComment } from './routes-comments.ts';

/** What the fake Graph API holds: three accounts, their tokens, containers, posts. */

export type Family = 'fb' | 'ig' | 'th';

export interface FakeAccount {
  family: Family;
  id: string;
  token: string;
  name: string;
  username: string;
}

export type ContainerState = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface Container {
  id: string;
  family: 'ig' | 'th';
  owner: string;
  params: Record<string, string>;
  state: ContainerState;
  /** Status reads left before the container finishes processing (Infinity: never). */
  readsLeft: number;
  /** Where processing ends: FINISHED, or ERROR with Meta's status text. */
  ends: { state: 'FINISHED' } | { state: 'ERROR'; text: string };
  createdAt: number;
  mediaId?: string;
}

export interface FakeMedia {
  id: string;
  family: 'ig' | 'th';
  owner: string;
  text: string | undefined;
  mediaType: string;
  createdAt: number;
  permalink: string;
  containerId: string;
  /** Threads: the media this one replies to (`reply_to_id` of its container); a reply, not a post. */
  replyTo?: string;
}

export interface PagePost {
  id: string;
  pageId: string;
  kind: 'post' | 'photo' | 'video' | 'reel' | 'story';
  message: string | undefined;
  createdAt: number;
  attached: string[];
}

export interface PageUpload {
  id: string;
  pageId: string;
  kind: 'photo' | 'video';
  url?: string;
  uploaded: boolean;
  /** An unpublished photo (attached later) or a started reel/story upload. */
  used: boolean;
}

/**
 * A Facebook user (Facebook Login): their user tokens list the Pages they manage
 * (`/me/accounts`, each with its Page token) and the permissions they granted.
 */
export interface FakeFacebookUser {
  id: string;
  name: string;
  tokens: Set<string>;
  /** Ids of the Page accounts the user manages. */
  pages: string[];
  /** permission → granted | declined, as /me/permissions lists them. */
  permissions: Map<string, 'granted' | 'declined'>;
}

/** How the next container(s) created will behave; the default finishes at once (videos after one read). */
export interface ContainerPlan {
  reads?: number;
  error?: string;
}

export class GraphState {
  readonly accounts: FakeAccount[];
  readonly containers = new Map<string, Container>();
  readonly media = new Map<string, FakeMedia>();
  readonly posts = new Map<string, PagePost>();
  readonly uploads = new Map<string, PageUpload>();
  readonly comments = new Map<string, FakeComment>();
  /** Tokens that now answer this error (revoked, expired). */
  readonly revoked = new Map<string, MetaError>();
  readonly containerPlans: ContainerPlan[] = [];
  /** Counts a test set for an object (post, media, account); the rest derive from its id. */
  readonly engagementOverrides = new Map<string, Partial<Engagement>>();
  /** Facebook users (Login): the Page and Instagram linking flows start from them. */
  readonly users: FakeFacebookUser[] = [];
  /** More tokens of an account (token → account id): what a Threads authorization issued. */
  readonly tokenOwners = new Map<string, string>();
  /**
   * A Page token also acts for the Instagram professional account connected to its
   * Page (Facebook Login for Business): token → the Instagram account's id.
   */
  readonly delegations = new Map<string, string>();
  /** The Instagram account connected to each Page (page id → instagram account id). */
  readonly connectedInstagram = new Map<string, string>();
  /** Calls per token so far (usage headers appear only after the first). */
  readonly callsByToken = new Map<string, number>();
  quotaTotal: number;
  threadsQuotaTotal: number;
  /** Threads counts replies apart from posts: 1,000 per 24 h (platform-apis.md §4). */
  threadsReplyQuotaTotal: number;
  private nextId = 17_841_400_000_000_000n;

  constructor(options: { quotaTotal: number; threadsQuotaTotal: number; threadsReplyQuotaTotal: number }) {
    this.quotaTotal = options.quotaTotal;
    this.threadsQuotaTotal = options.threadsQuotaTotal;
    this.threadsReplyQuotaTotal = options.threadsReplyQuotaTotal;
    this.accounts = [
      this.account('fb', 'Herald Test Page', 'heraldtestpage'),
      this.account('ig', 'Herald Test', 'herald.test'),
      this.account('th', 'Herald Threads', 'herald.threads'),
    ];
    this.connectedInstagram.set(this.accountOf('fb').id, this.accountOf('ig').id);
  }

  id(): string {
    this.nextId += BigInt(1 + Math.floor(Math.random() * 997));
    return this.nextId.toString();
  }

  private account(family: Family, name: string, username: string): FakeAccount {
    return {
      family,
      id: this.id(),
      token: `EAA${family}${randomBytes(24).toString('base64url')}`,
      name,
      username,
    };
  }

  engagement(id: string): Engagement {
    return { ...derivedEngagement(id), ...this.engagementOverrides.get(id) };
  }

  accountOf(family: Family): FakeAccount {
    return this.accounts.find((a) => a.family === family) as FakeAccount;
  }

  byToken(token: string): FakeAccount | undefined {
    const owner = this.tokenOwners.get(token);
    return this.accounts.find((a) => a.token === token || a.id === owner);
  }

  /** Who a token acts as for an object: its own account, or the Instagram account its Page token serves. */
  callerFor(token: string, owner: string | undefined): FakeAccount | undefined {
    const own = this.byToken(token);
    if (owner !== undefined && own?.id !== owner && this.delegations.get(token) === owner)
      return this.accounts.find((a) => a.id === owner);
    return own;
  }

  userByToken(token: string): FakeFacebookUser | undefined {
    return this.users.find((u) => u.tokens.has(token));
  }

  /**
   * A Facebook user who manages the fake's Page (and so its Instagram account); from now
   * on the Page token also serves that Instagram account, as Facebook Login gives it.
   */
  addUser(name: string, permissions: readonly string[]): FakeFacebookUser {
    this.delegations.set(this.accountOf('fb').token, this.accountOf('ig').id);
    const user: FakeFacebookUser = {
      id: this.id(),
      name,
      tokens: new Set(),
      pages: [this.accountOf('fb').id],
      permissions: new Map(permissions.map((p) => [p, 'granted'])),
    };
    this.users.push(user);
    return user;
  }

  shortcode(): string {
    return randomBytes(8).toString('base64url').slice(0, 11);
  }

  /**
   * Posts (or, on Threads, replies) of an account published in the last 24 h: what the
   * publishing limits count. A reply is not a post: each has its own limit.
   */
  publishedInWindow(family: 'ig' | 'th', owner: string, now = Date.now(), replies = false): number {
    let count = 0;
    for (const media of this.media.values()) {
      if (media.family !== family || media.owner !== owner || media.createdAt <= now - 86_400_000) continue;
      if ((media.replyTo !== undefined) === replies) count += 1;
    }
    return count;
  }

  /** The post a Threads reply belongs to: the reply chain followed up to the media that replies to nothing. */
  chainRoot(id: string): FakeMedia | undefined {
    let current = this.media.get(id);
    while (current?.replyTo !== undefined) current = this.media.get(current.replyTo);
    return current;
  }

  /** A chain as published: the root, then the (first) reply to each part, in order. */
  chainFrom(rootId: string): FakeMedia[] {
    const chain: FakeMedia[] = [];
    let current = this.media.get(rootId);
    while (current) {
      chain.push(current);
      const id: string = current.id;
      current = [...this.media.values()].find((m) => m.replyTo === id);
    }
    return chain;
  }

  mediaOf(family: 'ig' | 'th', owner: string): FakeMedia[] {
    return [...this.media.values()]
      .filter((m) => m.family === family && m.owner === owner)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Reading a container advances its processing: IN_PROGRESS until its reads run out. */
  readContainer(container: Container): Container {
    if (container.state === 'IN_PROGRESS') {
      if (container.readsLeft <= 0) container.state = container.ends.state;
      else container.readsLeft -= 1;
    }
    if (container.state !== 'PUBLISHED' && Date.now() - container.createdAt > 86_400_000)
      container.state = 'EXPIRED';
    return container;
  }
}
