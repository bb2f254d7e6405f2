import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Connector,
  ConnectorContext,
  LinkedAccount,
  PublishInput,
  PublishOutcome,
  ReconcileOutcome,
  VerifiedAccount,
} from '../../src/connectors/types.ts';
import { variantOf } from '../../src/errors/build.ts';
import { catalogEntry, hasCode } from '../../src/errors/catalog/index.ts';
import { HeraldError } from '../../src/errors/herald-error.ts';
import { renewCredentials } from '../../src/linking/renew.ts';
import { isPlatform, type Platform } from '../../src/platforms.ts';
import { loopbackMediaFetch } from '../fakes/media-server/loopback-fetch.ts';

/**
 * The conformance suite every live connector runs against its real or fake network:
 * what the core relies on, whatever the network.
 */

export interface ContractFixture {
  connector: Connector;
  ctx: ConnectorContext;
  /** Credentials as a user links with them. */
  credentials: Record<string, unknown>;
  /** Credentials the network refuses (a wrong password or token). */
  invalidCredentials: Record<string, unknown>;
  /** Posts of the linked account as the network lists them. */
  countPosts(): Promise<number>;
  /** What a minimal valid post needs besides text on this network (a video for YouTube, TikTok). */
  sample?: Pick<PublishInput, 'media' | 'options'>;
  close?(): Promise<void>;
}

/**
 * What the core's settle does with a published outcome's `progress` (src/db/targets.ts,
 * markPublishedMany): it becomes the target's progress, which a later call loads.
 */
export async function keptBySettle<T extends ReconcileOutcome>(
  ctx: ConnectorContext,
  outcome: T,
): Promise<T> {
  if (outcome.kind === 'published' && outcome.progress) await ctx.progress.save(outcome.progress);
  return outcome;
}

/**
 * A context that records saved credentials and log lines instead of storing them. With
 * `renew`, token renewal is the core's (src/linking/renew.ts) without the store: the
 * account's own OAuth client against `authUrl` (the network's fake), and what it renews
 * is recorded in `saved`, as the core would store it.
 */
export function testContext(
  baseUrl: string,
  fetchFn: typeof fetch = globalThis.fetch,
  renew?: { platform: Platform; authUrl?: string },
): ConnectorContext & { saved: Record<string, unknown>[]; logs: string[] } {
  const saved: Record<string, unknown>[] = [];
  const logs: string[] = [];
  let progress: Record<string, unknown> | null = null;
  return {
    progress: {
      load: () => progress,
      async save(next) {
        progress = next;
      },
    },
    baseUrl,
    fetch: fetchFn,
    fetchMedia: mediaFetchFor(fetchFn),
    saved,
    logs,
    log: { info: (_fields, msg) => logs.push(msg), warn: (_fields, msg) => logs.push(msg) },
    async saveCredentials(credentials) {
      saved.push(credentials);
    },
    ...(renew
      ? {
          async renewAccess(current: Readonly<Record<string, unknown>>) {
            const renewed = await renewCredentials(renew.platform, current, {
              ...(renew.authUrl ? { authUrl: renew.authUrl } : {}),
              fetch: fetchFn,
            });
            if (!renewed.ok) return renewed;
            saved.push(renewed.credentials);
            return { ok: true as const, credentials: renewed.credentials };
          },
        }
      : {}),
  };
}

/**
 * Media downloads go through the core's safe fetcher (loopback allowlisted, as
 * HERALD_MEDIA_ALLOW does in tests); a recording fetch lists them with the API calls.
 */
function mediaFetchFor(fetchFn: typeof fetch): typeof fetch {
  const urls = (fetchFn as Partial<{ urls: string[] }>).urls;
  if (!urls) return loopbackMediaFetch;
  const recording = async (resource: Parameters<typeof fetch>[0], init?: RequestInit) => {
    urls.push(resource instanceof Request ? resource.url : String(resource));
    return loopbackMediaFetch(resource, init);
  };
  return recording as typeof fetch;
}

/** The account the core would hand to publish after linking. */
export function linkedAccountOf(verified: VerifiedAccount): LinkedAccount {
  const { externalId, username, displayName, credentials } = verified;
  return { externalId, username, displayName, credentials };
}

/** A fetch that lists every URL it was asked for before passing the call on. */
export function recordingFetch(inner: typeof fetch = globalThis.fetch): typeof fetch & { urls: string[] } {
  const urls: string[] = [];
  const recording = (async (resource: Parameters<typeof fetch>[0], init?: RequestInit) => {
    urls.push(resource instanceof Request ? resource.url : String(resource));
    return inner(resource, init);
  }) as typeof fetch & { urls: string[] };
  recording.urls = urls;
  return recording;
}

const CONNECTORS_DIR = fileURLToPath(new URL('../../src/connectors/', import.meta.url));

export function runConnectorContract(name: string, setup: () => Promise<ContractFixture>): void {
  describe(`connector contract: ${name}`, () => {
    let fixture: ContractFixture;
    let verified: VerifiedAccount;

    beforeAll(async () => {
      fixture = await setup();
    });
    afterAll(async () => {
      await fixture?.close?.();
    });

    function input(text: string, targetId: string = randomUUID()): PublishInput {
      const { media = [], options = {} } = fixture.sample ?? {};
      return { targetId, text, media, options, account: linkedAccountOf(verified) };
    }

    /** A network that publishes later (TikTok) answers `pending`: ask it again, as the core's poll job does. */
    async function settled(sent: PublishInput, outcome: PublishOutcome): Promise<PublishOutcome> {
      let current = outcome;
      for (let polls = 0; current.kind === 'pending' && fixture.connector.poll && polls < 10; polls += 1) {
        current = await fixture.connector.poll(current.ref, sent, fixture.ctx);
      }
      return current;
    }

    it('declares itself completely', () => {
      const { declaration } = fixture.connector;
      expect(isPlatform(declaration.id)).toBe(true);
      expect(declaration.id).toBe(name);
      expect(existsSync(`${CONNECTORS_DIR}${name}/declaration.ts`)).toBe(true);
      expect(declaration.name.length).toBeGreaterThan(0);
      expect(declaration.optionsField.length).toBeGreaterThan(0);
      expect((declaration.optionsSchema as { type?: unknown }).type).toBe('object');
      expect(Number.isInteger(declaration.text.limit) && declaration.text.limit > 0).toBe(true);
      expect(declaration.media.maxImages).toBeGreaterThanOrEqual(0);
      expect(declaration.media.maxVideos).toBeGreaterThanOrEqual(0);
      const names = declaration.credentials.map((field) => field.name);
      expect(new Set(names).size).toBe(names.length);
      for (const field of declaration.credentials) {
        expect(field.name, 'credential field name').toMatch(/^[a-zA-Z][a-zA-Z0-9]*$/);
        expect(field.description.length, `description of ${field.name}`).toBeGreaterThan(10);
      }
      const seed = { key: 'contract-key', numeric: '1234567890123456789', username: 'someone', options: {} };
      const sample = declaration.sandboxPost(seed);
      expect(sample.id.length).toBeGreaterThan(0);
      expect(new URL(sample.postUrl).protocol).toBe('https:');
      expect(declaration.sandboxPost(seed)).toEqual(sample);
    });

    it('maps every error-table row to a catalog code for this network', () => {
      expect(fixture.connector.errorTable.length).toBeGreaterThan(0);
      for (const row of fixture.connector.errorTable) {
        expect(hasCode(row.maps.code), `${row.note} → ${row.maps.code}`).toBe(true);
        const entry = catalogEntry(row.maps.code);
        expect(entry.platforms ?? [], `${row.maps.code} platforms`).toContain(name);
        expect(() => variantOf({ ...row.maps })).not.toThrow();
        expect(row.note.length).toBeGreaterThan(0);
      }
      // The last row is the catch-all, so no answer goes unclassified.
      expect(fixture.connector.errorTable.at(-1)?.when).toEqual({});
    });

    it('accepts good credentials', async () => {
      verified = await fixture.connector.verifyCredentials(fixture.credentials, fixture.ctx);
      expect(verified.externalId.length).toBeGreaterThan(0);
      expect(verified.username.length).toBeGreaterThan(0);
      expect(new URL(verified.profileUrl).protocol).toBe('https:');
      expect(typeof verified.credentials).toBe('object');
    });

    it('refuses bad credentials with a catalog error', async () => {
      const refused = await fixture.connector.verifyCredentials(fixture.invalidCredentials, fixture.ctx).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(HeraldError);
      expect(hasCode((refused as HeraldError).spec.code)).toBe(true);
    });

    it('publishes a short text', async () => {
      const sent = input(`contract ${randomUUID()}`);
      const outcome = await settled(sent, await fixture.connector.publish(sent, fixture.ctx));
      expect(outcome.kind).toBe('published');
      if (outcome.kind !== 'published') return;
      expect(outcome.id.length).toBeGreaterThan(0);
      expect(new URL(outcome.postUrl).protocol).toBe('https:');
    });

    it('never publishes one target twice (when it can reconcile)', async () => {
      if (!fixture.connector.declaration.capabilities.reconcile) return;
      const once = input(`twice ${randomUUID()}`);
      const before = await fixture.countPosts();
      const first = await keptBySettle(fixture.ctx, await fixture.connector.publish(once, fixture.ctx));
      const second = await fixture.connector.publish(once, fixture.ctx);
      expect(await fixture.countPosts()).toBe(before + 1);
      expect(first.kind).toBe('published');
      expect(second).toMatchObject({ kind: 'published', id: first.kind === 'published' ? first.id : '' });
    });

    it('reconciles: finds a published post, and certainly not an unsent one', async () => {
      const { reconcile } = fixture.connector;
      if (!fixture.connector.declaration.capabilities.reconcile) return;
      expect(reconcile).toBeDefined();
      if (!reconcile) return;
      const sent = input(`reconcile ${randomUUID()}`);
      const outcome = await keptBySettle(fixture.ctx, await fixture.connector.publish(sent, fixture.ctx));
      expect(outcome.kind).toBe('published');
      const found = await reconcile(sent, fixture.ctx);
      expect(found).toMatchObject({ kind: 'published', id: outcome.kind === 'published' ? outcome.id : '' });
      expect(await reconcile(input('never sent'), fixture.ctx)).toEqual({ kind: 'not-found' });
    });

    it('deletes a published post (when it can)', async () => {
      const remove = fixture.connector.delete;
      if (!fixture.connector.declaration.capabilities.delete) return;
      expect(remove).toBeDefined();
      if (!remove) return;
      const sent = input(`delete ${randomUUID()}`);
      const outcome = await settled(sent, await fixture.connector.publish(sent, fixture.ctx));
      if (outcome.kind !== 'published') throw new Error(`publish failed: ${JSON.stringify(outcome)}`);
      const before = await fixture.countPosts();
      const account = input('').account;
      expect(await remove({ id: outcome.id, account }, fixture.ctx)).toEqual({ kind: 'deleted' });
      expect(await fixture.countPosts()).toBe(before - 1);
    });
  });
}
