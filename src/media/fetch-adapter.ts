import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { hasNullBody } from '../net/null-body.ts';
import { MediaFetchError } from './fetch-error.ts';
import { type FetchPolicy, openMedia, tooLarge } from './safe-fetch.ts';

/**
 * The safe fetcher in the shape of `fetch`, for connectors (`ctx.fetchMedia`): same
 * SSRF decision, pinning, redirect limit and size cap, a streamed body. The time cap
 * bounds the wait for the answer, then each pause of the body (a video may take minutes).
 * A refused or failed download rejects with a MediaFetchError naming the cause;
 * a body past the cap errors the stream with one.
 */
export function fetchAdapter(policy: FetchPolicy): typeof fetch {
  const adapted = async (resource: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const url = resource instanceof Request ? resource.url : String(resource);
    const method = (init?.method ?? (resource instanceof Request ? resource.method : 'GET')).toUpperCase();
    if (method !== 'GET' && method !== 'HEAD')
      throw new TypeError(`fetchMedia only reads media (got ${method})`);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const opened = await openMedia(policy, url, {
      method,
      headers,
      ...(init?.signal ? { signal: init.signal } : {}),
    });
    const { response } = opened;
    if (hasNullBody(method, opened.status)) {
      response.resume();
      opened.finish();
      return new Response(null, { status: opened.status, headers: opened.headers });
    }
    // A connector may stream a video for minutes: past the headers, the time cap is an idle timeout.
    opened.stopDeadline();
    let idle: NodeJS.Timeout | undefined;
    const stalled = () =>
      capped.destroy(new MediaFetchError('timeout', `timeout: no data for ${policy.timeoutMs} ms`));
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(stalled, policy.timeoutMs);
    };
    let size = 0;
    const capped = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        arm();
        size += chunk.length;
        if (size > policy.maxBytes) callback(tooLarge(policy.maxBytes));
        else callback(null, chunk);
      },
    });
    arm();
    response.on('error', (err) => capped.destroy(opened.failure(err)));
    capped.on('close', () => {
      clearTimeout(idle);
      response.destroy();
      opened.finish();
    });
    response.pipe(capped);
    const body = Readable.toWeb(capped) as NodeReadableStream<Uint8Array>;
    const answer = new Response(body as unknown as ReadableStream<Uint8Array>, {
      status: opened.status,
      headers: opened.headers,
    });
    Object.defineProperty(answer, 'url', { value: opened.url });
    return answer;
  };
  return adapted as typeof fetch;
}
