import {
  apiFailure,
  parseVideo,
  type Result,
  receivedOf,
  type UploadState,
  type YouTubeClient,
} from './client.ts';

/**
 * Google's resumable upload protocol, one call per function: open a session,
 * send a chunk, ask where a session stands. The session URI is the only state.
 */

export interface VideoResource {
  snippet: { title: string; description: string; tags?: string[]; categoryId: string };
  status: { privacyStatus: string; selfDeclaredMadeForKids: boolean };
}

/** The size after the slash of Content-Range, or `*` while it is unknown (no Content-Length). */
function totalOf(total: number | undefined): string {
  return total === undefined ? '*' : String(total);
}

/** Opens a session: 200, an empty body and the session URI in `Location`. */
export async function openSession(
  client: YouTubeClient,
  resource: VideoResource,
  media: { size: number | undefined; type: string },
  notifySubscribers: boolean | undefined,
): Promise<Result<string>> {
  const notify = notifySubscribers === false ? '&notifySubscribers=false' : '';
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=UTF-8',
    'x-upload-content-type': media.type,
  };
  if (media.size !== undefined) headers['x-upload-content-length'] = String(media.size);
  const sent = await client.send(
    `${client.upload}/videos?uploadType=resumable&part=snippet,status${notify}`,
    {
      method: 'POST',
      headers,
      body: JSON.stringify(resource),
    },
  );
  if (!sent.ok) return sent;
  const { response } = sent;
  if (!response.ok) return { ok: false, failure: await apiFailure(response) };
  await response.body?.cancel();
  const location = response.headers.get('location');
  if (!location) {
    return {
      ok: false,
      failure: { kind: 'api', status: response.status, message: 'upload session opened without a Location' },
    };
  }
  return { ok: true, value: new URL(location, client.upload).toString() };
}

/** Reads a PUT's answer: 308 (with how much is stored), 200/201 with the video, 404 (session gone). */
async function stateOf(response: Response): Promise<Result<UploadState>> {
  if (response.status === 308) {
    await response.body?.cancel();
    return { ok: true, value: { kind: 'incomplete', received: receivedOf(response.headers) } };
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return { ok: true, value: { kind: 'expired' } };
  }
  if (response.status === 200 || response.status === 201) {
    const video = parseVideo(await response.json().catch(() => undefined));
    if (video) return { ok: true, value: { kind: 'done', video } };
    return {
      ok: false,
      failure: { kind: 'api', status: response.status, message: 'upload finished without a video resource' },
    };
  }
  return { ok: false, failure: await apiFailure(response) };
}

/** Sends bytes [start, start + length) of the file. */
export async function putChunk(
  client: YouTubeClient,
  session: string,
  chunk: { bytes: Uint8Array<ArrayBuffer>; start: number; total: number | undefined; type: string },
): Promise<Result<UploadState>> {
  const end = chunk.start + chunk.bytes.byteLength - 1;
  const sent = await client.send(session, {
    method: 'PUT',
    headers: {
      'content-type': chunk.type,
      'content-range': `bytes ${chunk.start}-${end}/${totalOf(chunk.total)}`,
    },
    body: chunk.bytes,
  });
  return sent.ok ? stateOf(sent.response) : sent;
}

/** The status check: an empty PUT whose Content-Range names no bytes, only the total. */
export async function querySession(
  client: YouTubeClient,
  session: string,
  total: number | undefined,
): Promise<Result<UploadState>> {
  const sent = await client.send(session, {
    method: 'PUT',
    headers: { 'content-range': `bytes */${totalOf(total)}` },
    body: new Uint8Array(0),
  });
  return sent.ok ? stateOf(sent.response) : sent;
}
