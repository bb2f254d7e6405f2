import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { AtpAgent } from '@atproto/api';
import { mockNetworkUtilities, TestBsky, TestPds, TestPlc } from '@atproto/dev-env';
import { createTestDatabase } from './database.ts';

/**
 * A real Bluesky network in this process: PLC, a PDS, and the AppView (@atproto/bsky)
 * indexing the PDS's firehose into PostgreSQL (the test's own database, a schema of its
 * own). The PDS proxies `app.bsky.*` reads (getPosts, getProfile, getAuthorFeed) to the
 * AppView, as bsky.social does to api.bsky.app: what Herald's Bluesky analytics call.
 * No Redis and no Ozone: the AppView needs neither to index and answer.
 */

export interface NetworkAccount {
  handle: string;
  did: string;
  /** An app password, as a Herald user links with. */
  password: string;
  agent: AtpAgent;
}

export interface TestAppView {
  /** The PDS Herald talks to. */
  url: string;
  createAccount(name: string): Promise<NetworkAccount>;
  /** Waits until the AppView has indexed everything the PDS emitted. */
  processAll(): Promise<void>;
  close(): Promise<void>;
}

const TMP_ROOT = fileURLToPath(new URL('../../.tmp/', import.meta.url));

/** A loopback port nobody listens on: the AppView must know the PDS's port before the PDS starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startAppView(): Promise<TestAppView> {
  const folder = `${TMP_ROOT}appview-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(folder, { recursive: true });
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  const plc = await TestPlc.create({});
  const pdsPort = await freePort();
  const bsky = await TestBsky.create({
    plcUrl: plc.url,
    pdsPort,
    repoProvider: `ws://localhost:${pdsPort}`,
    dbPostgresUrl: await createTestDatabase(),
    dbPostgresSchema: 'appview',
    redisHost: '',
  } as Parameters<typeof TestBsky.create>[0]);
  const pds = await TestPds.create({
    port: pdsPort,
    didPlcUrl: plc.url,
    bskyAppViewUrl: bsky.url,
    bskyAppViewDid: bsky.ctx.cfg.serverDid,
  });
  mockNetworkUtilities(pds, bsky);
  const url = `http://127.0.0.1:${pds.port}`;

  /** As dev-env's TestNetwork does: process until the AppView's cursor reaches the PDS's last event. */
  async function processAll(): Promise<void> {
    await pds.processAll();
    const last = await pds.ctx.sequencer.curr();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      await bsky.sub.processAll();
      const cursor = await bsky.sub.runner.getCursor();
      if (!last || (cursor && cursor >= last)) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the AppView did not catch up with the PDS within 10 s');
  }

  return {
    url,
    async createAccount(name) {
      const agent = new AtpAgent({ service: url });
      const handle = `${name}.test`;
      const created = await agent.createAccount({
        email: `${name}@example.test`,
        handle,
        password: randomBytes(12).toString('hex'),
      });
      const app = await agent.com.atproto.server.createAppPassword({ name: 'herald' });
      return { handle, did: created.data.did, password: app.data.password, agent };
    },
    processAll,
    async close() {
      await pds.close();
      await bsky.close();
      await plc.close();
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
