import { type FakeRequest, formOf, jsonOf, type Reply } from '../http.ts';
import { X_BODIES } from './bodies.ts';
import type { FakeUser, XState } from './fake-x.ts';

/**
 * The v2 media endpoints: one-shot upload for images (≤ 5 MB), the chunked
 * initialize/append/finalize for videos and GIFs with STATUS polling, alt text.
 */

export interface StoredMedia {
  id: string;
  ownerId: string;
  category: string;
  mediaType: string;
  totalBytes: number;
  chunks: Map<number, Buffer>;
  state: 'uploading' | 'in_progress' | 'succeeded' | 'failed';
  pollsLeft: number;
  altText?: string;
  /** Set to make processing fail with this message. */
  failWith?: string;
}

const IMAGE_MAX = 5 * 1024 * 1024;

function mediaData(media: StoredMedia, state: XState): Record<string, unknown> {
  const data: Record<string, unknown> = {
    id: media.id,
    media_key: `${media.category === 'tweet_image' ? 3 : 7}_${media.id}`,
    size: media.totalBytes,
    expires_after_secs: 86_400,
  };
  if (media.category !== 'tweet_image') {
    const info: Record<string, unknown> = { state: media.state === 'uploading' ? 'pending' : media.state };
    if (media.state === 'in_progress' || media.state === 'uploading') {
      info.check_after_secs = state.checkAfterSecs;
      info.progress_percent = media.state === 'uploading' ? 0 : 50;
    }
    if (media.state === 'failed') info.error = { code: 1, name: 'InvalidMedia', message: media.failWith };
    data.processing_info = info;
  }
  return data;
}

function newMedia(
  state: XState,
  user: FakeUser,
  category: string,
  mediaType: string,
  totalBytes: number,
): StoredMedia {
  const media: StoredMedia = {
    id: state.nextId(),
    ownerId: user.id,
    category,
    mediaType,
    totalBytes,
    chunks: new Map(),
    state: 'uploading',
    pollsLeft: state.processingPolls,
  };
  state.media.set(media.id, media);
  return media;
}

async function simpleUpload(state: XState, request: FakeRequest, user: FakeUser): Promise<Reply> {
  const form = await formOf(request);
  const file = form.get('media');
  if (!(file instanceof Blob)) return X_BODIES.invalid('media is required', { media: [''] });
  if (file.size > IMAGE_MAX) return X_BODIES.invalid('File size exceeds 5242880 bytes.', { media: [''] });
  const media = newMedia(
    state,
    user,
    String(form.get('media_category') ?? 'tweet_image'),
    file.type,
    file.size,
  );
  media.state = 'succeeded';
  return { status: 200, body: { data: mediaData(media, state) } };
}

async function append(media: StoredMedia, request: FakeRequest): Promise<Reply> {
  const form = await formOf(request);
  const file = form.get('media');
  const index = Number(form.get('segment_index'));
  if (!(file instanceof Blob) || !Number.isInteger(index))
    return X_BODIES.invalid('bad segment', { media: [''] });
  media.chunks.set(index, Buffer.from(await file.arrayBuffer()));
  return { status: 200, body: { meta: { segment_index: index } } };
}

function finalize(media: StoredMedia, state: XState): Reply {
  const received = [...media.chunks.entries()].sort(([a], [b]) => a - b);
  const size = received.reduce((sum, [, chunk]) => sum + chunk.length, 0);
  const contiguous = received.every(([index], position) => index === position);
  if (size !== media.totalBytes || !contiguous) {
    return X_BODIES.invalid(`Segments total ${size} bytes, expected ${media.totalBytes}.`, {
      media_id: [media.id],
    });
  }
  media.state = media.failWith ? 'failed' : media.pollsLeft > 0 ? 'in_progress' : 'succeeded';
  return { status: 200, body: { data: mediaData(media, state) } };
}

function status(media: StoredMedia, state: XState): Reply {
  if (media.state === 'in_progress') {
    media.pollsLeft -= 1;
    if (media.pollsLeft < 0) media.state = 'succeeded';
  }
  return { status: 200, body: { data: mediaData(media, state) } };
}

export async function handleMedia(state: XState, request: FakeRequest, user: FakeUser): Promise<Reply> {
  const { method, path } = request;
  if (method === 'POST' && path === '/2/media/upload') return simpleUpload(state, request, user);
  if (method === 'POST' && path === '/2/media/upload/initialize') {
    const body = jsonOf(request);
    const media = newMedia(
      state,
      user,
      String(body.media_category),
      String(body.media_type),
      Number(body.total_bytes),
    );
    return { status: 200, body: { data: mediaData(media, state) } };
  }
  if (method === 'POST' && path === '/2/media/metadata') {
    const body = jsonOf(request) as { id?: string; metadata?: { alt_text?: { text?: string } } };
    const media = state.media.get(String(body.id));
    if (!media) return X_BODIES.invalid('unknown media', { id: [String(body.id)] });
    if (body.metadata?.alt_text?.text !== undefined) media.altText = body.metadata.alt_text.text;
    return { status: 200, body: { data: { id: media.id, associated_metadata: true } } };
  }
  const id =
    method === 'GET'
      ? (request.query.get('media_id') ?? '')
      : (/^\/2\/media\/upload\/(\d+)\//.exec(path)?.[1] ?? '');
  const media = state.media.get(id);
  if (!media || media.ownerId !== user.id) return X_BODIES.invalid('unknown media', { media_id: [id] });
  if (method === 'POST' && path.endsWith('/append')) return append(media, request);
  if (method === 'POST' && path.endsWith('/finalize')) return finalize(media, state);
  if (method === 'GET' && path === '/2/media/upload' && request.query.get('command') === 'STATUS')
    return status(media, state);
  return X_BODIES.invalid('unknown media call', { path: [path] });
}
