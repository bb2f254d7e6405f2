import dns from 'node:dns';
import net from 'node:net';
import { isLoopbackAddress } from '../../src/net/loopback.ts';

/**
 * Installed before every test file: any TCP connection to an address outside
 * 127.0.0.0/8 or ::1 fails at once, before a packet leaves. Host names are
 * resolved first and every address they resolve to is checked.
 */
export class NetGuardError extends Error {
  constructor(target: string) {
    super(`net-guard: tests may only connect to loopback; refused ${target}`);
    this.name = 'NetGuardError';
  }
}

type ConnectArgs = Parameters<typeof net.Socket.prototype.connect>;

function targetOf(args: unknown[]): { host?: string; path?: string } {
  // net.connect() hands Socket#connect its normalised [options, callback] array.
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const options = first as { host?: string; path?: string };
    return { host: options.host ?? 'localhost', path: options.path };
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return { path: first };
  return { host: typeof second === 'string' ? second : 'localhost' };
}

const originalConnect = net.Socket.prototype.connect;
const guardedConnect = function (this: net.Socket, ...args: unknown[]) {
  const { host, path } = targetOf(args);
  if (path !== undefined || host === undefined)
    return originalConnect.apply(this, args as unknown as ConnectArgs);
  if (net.isIP(host)) {
    if (!isLoopbackAddress(host)) {
      process.nextTick(() => this.destroy(new NetGuardError(host)));
      return this;
    }
    return originalConnect.apply(this, args as unknown as ConnectArgs);
  }
  if (host === 'localhost') return originalConnect.apply(this, args as unknown as ConnectArgs);
  // A name: resolve it ourselves and refuse unless every address is loopback.
  dns.lookup(host, { all: true }, (err, addresses) => {
    if (err || addresses.some((a) => !isLoopbackAddress(a.address))) {
      this.destroy(new NetGuardError(host));
      return;
    }
    originalConnect.apply(this, args as unknown as ConnectArgs);
  });
  return this;
};
net.Socket.prototype.connect = guardedConnect as typeof net.Socket.prototype.connect;

/** Every server a test starts binds loopback, even when its code asks for all interfaces. */
// biome-ignore lint/suspicious/noExplicitAny: listen has a dozen overloads; the guard forwards any of them.
type AnyListen = (this: net.Server, ...args: any[]) => net.Server;
const originalListen = net.Server.prototype.listen as AnyListen;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second !== 'string')
      return originalListen.call(this, Number(first), '127.0.0.1', ...args.slice(1));
    if (second === '0.0.0.0' || second === '::') {
      return originalListen.call(this, Number(first), '127.0.0.1', ...args.slice(2));
    }
  } else if (typeof first === 'object' && first !== null && 'port' in first) {
    const options = first as net.ListenOptions;
    if (!options.host || options.host === '0.0.0.0' || options.host === '::') {
      return originalListen.call(this, { ...options, host: '127.0.0.1' }, ...args.slice(1));
    }
  }
  return originalListen.apply(this, args);
} as typeof net.Server.prototype.listen;
