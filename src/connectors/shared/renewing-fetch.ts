import type { ConnectorContext } from '../types.ts';

/**
 * The fetch a connector's API client uses for one call of the core (a publish, a
 * delete, a comments or analytics read) when the account can be renewed: when the
 * network refuses the account's bearer token with its documented invalid/expired-token
 * answer, the core renews the token (ctx.renewAccess: one refresh per account at a time,
 * across processes; stored there) and the refused request is sent once more with the
 * new token. Renewed at most once per call of the core: a second refusal, or a renewal
 * the network refused, leaves the network's own answer, which the connector's error
 * table turns into the relink code (and the core has marked the account needs-relink).
 *
 * A fetch wrapper rather than a token keeper around each client method: the clients
 * (Pinterest, LinkedIn) hold one token for every call they make, and the same rule
 * must cover all of them, the requests of a multi-step publish included.
 */

export interface TokenRefusal {
  /** Network name for logs. */
  network: string;
  /**
   * True when the answer is the network's documented "this access token is invalid or
   * expired" refusal: its error table's row says `retry: 'refresh-session'`.
   */
  renewable(status: number, body: unknown, headers: Headers): boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A body that can be sent twice (a stream is read once). */
function replayable(body: RequestInit['body']): boolean {
  return !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
}

async function bodyOf(response: Response): Promise<unknown> {
  try {
    const raw = await response.clone().text();
    return raw === '' ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function renewingFetch(
  ctx: ConnectorContext,
  credentials: Readonly<Record<string, unknown>>,
  refusal: TokenRefusal,
): typeof fetch {
  const renewAccess = ctx.renewAccess?.bind(ctx);
  const original = text(credentials.accessToken);
  if (!renewAccess || !original || !text(credentials.refreshToken)) return ctx.fetch;
  let current = original;
  /** The one renewal of this call: the new token, or undefined when it was refused. */
  let renewal: Promise<string | undefined> | undefined;

  const renew = (): Promise<string | undefined> => {
    renewal ??= renewAccess({ ...credentials, accessToken: current }).then(
      (renewed) => {
        if (!renewed.ok) {
          ctx.log.info(
            { status: renewed.refusal.status || 'network', permanent: renewed.permanent },
            `${refusal.network}: token renewal refused`,
          );
          return undefined;
        }
        const next = text(renewed.credentials.accessToken);
        if (next) current = next;
        return next;
      },
      // The core could not renew (its database failed): the network's refusal stands, as
      // for a renewal that failed on the way; never a lost answer, the request was refused.
      (error: unknown) => {
        ctx.log.warn(
          { error: error instanceof Error ? error.message : String(error) },
          `${refusal.network}: token renewal failed`,
        );
        return undefined;
      },
    );
    return renewal;
  };

  const send = (input: Parameters<typeof fetch>[0], init: RequestInit | undefined, token: string) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return ctx.fetch(input, { ...init, headers });
  };

  return async (input, init) => {
    const bearer = /^Bearer (.+)$/i.exec(new Headers(init?.headers).get('authorization') ?? '')?.[1];
    // Only the account's own bearer calls: a storage upload without it goes as it is.
    if (bearer !== original && bearer !== current) return ctx.fetch(input, init);
    const used = current;
    const response = await send(input, init, used);
    if (response.status !== 401 || !replayable(init?.body)) return response;
    if (!refusal.renewable(response.status, await bodyOf(response), response.headers)) return response;
    // Another request of this call may have renewed the token meanwhile: use it.
    const next = current !== used ? current : await renew();
    if (!next || next === used) return response;
    await response.body?.cancel();
    return send(input, init, next);
  };
}
