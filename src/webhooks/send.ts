import { URL_REFUSED } from '../media/api-fetch.ts';

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  /** Why it is not a success, in words for the delivery log (no secret, no body). */
  error: string | null;
}

/**
 * One POST to a receiver. Success is a 2xx answer within `timeoutMs`; a redirect is a
 * failure (the registered URL must be the final one), as is any other status, a
 * refused address or no answer in time. `fetcher` is the SSRF-safe API fetcher: public
 * addresses only (unless HERALD_MEDIA_ALLOW lists them), pinned, redirects never followed.
 */
export async function sendWebhook(
  fetcher: typeof fetch,
  request: { url: string; headers: Record<string, string>; body: string },
  options: { timeoutMs: number; httpsOnly: boolean },
): Promise<SendResult> {
  if (options.httpsOnly && !request.url.startsWith('https://')) {
    return { ok: false, statusCode: null, error: 'https is required for webhook URLs in production' };
  }
  try {
    const response = await fetcher(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Herald-Webhooks/0.1',
        ...request.headers,
      },
      body: request.body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const status = response.status;
    if (status >= 200 && status < 300) return { ok: true, statusCode: status, error: null };
    if (status >= 300 && status < 400) {
      return {
        ok: false,
        statusCode: status,
        error: `the receiver redirected (HTTP ${status}); redirects are not followed: register the final URL`,
      };
    }
    return { ok: false, statusCode: status, error: `the receiver answered HTTP ${status}` };
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code === URL_REFUSED) return { ok: false, statusCode: null, error: `not sent: ${e.message}` };
    if (
      e.name === 'TimeoutError' ||
      e.name === 'AbortError' ||
      e.code === 'ETIMEDOUT' ||
      e.code === 'ABORT_ERR'
    ) {
      return { ok: false, statusCode: null, error: `no answer within ${options.timeoutMs} ms` };
    }
    return { ok: false, statusCode: null, error: `could not reach the receiver (${e.code ?? e.message})` };
  }
}
