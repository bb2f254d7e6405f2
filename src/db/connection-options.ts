/**
 * Options of every connection Herald keeps open to PostgreSQL (its pools, the LISTEN
 * connection).
 *
 * TCP keepalive. On loopback or a Unix socket a dead peer is seen at once; across a network
 * a silent partition (a NAT or firewall dropping an idle flow, a host that vanished) is not,
 * and a connection that only waits to read never finds out: the LISTEN connection would go on
 * being trusted while no notification can arrive (the key and account caches forget a revoked
 * key only when told, src/http/auth-cache.ts), and a pooled connection would hand its next
 * statement to a peer that is gone. With keepalive the kernel probes a connection idle for
 * `keepAliveInitialDelayMillis` and reports it dead (ETIMEDOUT, a transient error) when the
 * probes go unanswered.
 *
 * A connect timeout. A connection attempt to a server that accepts the socket but never
 * answers (PostgreSQL wedged, a black-holed route) would otherwise wait for good, and with it
 * whatever waits for a pooled connection. For a pool it also bounds the wait for a free
 * connection: past it the statement fails as transient (`timeout exceeded when trying to
 * connect`), answered 649 by the API and retried by the worker.
 */
export const CONNECTION_OPTIONS = {
  keepAlive: true,
  keepAliveInitialDelayMillis: 30_000,
  connectionTimeoutMillis: 30_000,
} as const;
