import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { AtpAgent } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { isLoopbackAddress } from '../../src/net/loopback.ts';

/**
 * A real Bluesky PDS and PLC directory in this process (@atproto/dev-env), bound to
 * loopback, with one account and an app password for it.
 */

export interface PdsAccount {
  handle: string;
  /** An app password, as a Herald user would link with. */
  password: string;
  /** The account password, for admin-like setup only. */
  accountPassword: string;
  did: string;
  /** Logged in with the account password. */
  agent: AtpAgent;
}

export interface TestPds extends PdsAccount {
  url: string;
  network: TestNetworkNoAppView;
  /** How long PLC + PDS took to start, in milliseconds. */
  startMs: number;
  createAccount(name: string): Promise<PdsAccount>;
  /** The same token with iat/exp moved an hour into the past, signed with the PDS secret. */
  expire(accessJwt: string): string;
  takedown(did: string): Promise<void>;
  /** Posts of a repo, counted with com.atproto.repo.listRecords. */
  countPosts(did: string): Promise<number>;
  close(): Promise<void>;
}

const TMP_ROOT = fileURLToPath(new URL('../../.tmp/', import.meta.url));

function assertLoopback(name: string, server: Server | undefined): void {
  const address = server?.address() as AddressInfo | null | undefined;
  if (!address || !isLoopbackAddress(address.address)) {
    throw new Error(`${name} is not bound to loopback: ${JSON.stringify(address)}`);
  }
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

export async function startPds(options: { rateLimits?: boolean } = {}): Promise<TestPds> {
  // dev-env puts its SQLite files and blobs under os.tmpdir() and leaves them behind.
  const folder = `${TMP_ROOT}pds-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(folder, { recursive: true });
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  const started = performance.now();
  const network = await TestNetworkNoAppView.create(
    options.rateLimits ? { pds: { rateLimitsEnabled: true } } : {},
  );
  const startMs = performance.now() - started;
  // The servers ask for every interface; test/setup/net-guard.ts must have narrowed them.
  assertLoopback('PDS', network.pds.server.server);
  assertLoopback('PLC', network.plc.server.server);
  const url = `http://127.0.0.1:${network.pds.port}`;

  async function createAccount(name: string): Promise<PdsAccount> {
    const agent = new AtpAgent({ service: url });
    const handle = `${name}.test`;
    const accountPassword = randomBytes(12).toString('hex');
    const created = await agent.createAccount({
      email: `${name}@example.test`,
      handle,
      password: accountPassword,
    });
    const app = await agent.com.atproto.server.createAppPassword({ name: 'herald' });
    return { handle, password: app.data.password, accountPassword, did: created.data.did, agent };
  }

  const main = await createAccount('alice');

  return {
    ...main,
    url,
    network,
    startMs,
    createAccount,
    expire(accessJwt) {
      const [header, payload] = accessJwt.split('.');
      if (!header || !payload) throw new Error('not a JWT');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const now = Math.floor(Date.now() / 1000);
      const body = base64url(JSON.stringify({ ...claims, iat: now - 7200, exp: now - 3600 }));
      const signature = createHmac('sha256', network.pds.jwtSecretKey()).update(`${header}.${body}`).digest();
      return `${header}.${body}.${base64url(signature)}`;
    },
    async takedown(did) {
      await main.agent.com.atproto.admin.updateSubjectStatus(
        {
          subject: { $type: 'com.atproto.admin.defs#repoRef', did },
          takedown: { applied: true, ref: 'test' },
        },
        { headers: network.pds.adminAuthHeaders(), encoding: 'application/json' },
      );
    },
    async countPosts(did) {
      let count = 0;
      let cursor: string | undefined;
      do {
        const page = await main.agent.com.atproto.repo.listRecords({
          repo: did,
          collection: 'app.bsky.feed.post',
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        count += page.data.records.length;
        cursor = page.data.records.length === 100 ? page.data.cursor : undefined;
      } while (cursor);
      return count;
    },
    async close() {
      await network.close();
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
