import { randomBytes, randomInt } from 'node:crypto';
import { type FakeAnswer, ok, tiktokError } from './wire.ts';

/**
 * TikTok's Direct Post flow: an init gives a publish id (and an upload URL for a
 * FILE_UPLOAD); chunks answer 206, the last 201; the post then waits for moderation
 * (PROCESSING_UPLOAD / PROCESSING_DOWNLOAD) until it is published or failed.
 */

const MB = 1024 * 1024;

export interface FakePublish {
  id: string;
  kind: 'video' | 'photo';
  title: string;
  privacy: string;
  size: number;
  chunkSize: number;
  chunks: number;
  received: number;
  uploadToken: string;
  status: 'PROCESSING_UPLOAD' | 'PROCESSING_DOWNLOAD' | 'PUBLISH_COMPLETE' | 'FAILED';
  /** TikTok holds the whole post (file uploaded, or photos pulled). */
  complete: boolean;
  postId?: string;
  failReason?: string;
}

/** TikTok's chunk rules: under 5 MB whole; else 5–64 MB chunks, the last taking the rest (≤ 128 MB). */
export function chunkingProblem(size: number, chunkSize: number, count: number): string | undefined {
  if (size <= 0) return 'video_size must be positive';
  if (size < 5 * MB) return chunkSize === size && count === 1 ? undefined : 'a file under 5 MB is sent whole';
  if (chunkSize < 5 * MB || chunkSize > 64 * MB) return 'chunk_size must be 5–64 MB';
  if (count !== Math.floor(size / chunkSize))
    return 'total_chunk_count must be floor(video_size / chunk_size)';
  if (size - (count - 1) * chunkSize > 128 * MB) return 'the last chunk must be at most 128 MB';
  return undefined;
}

export class Publishes {
  readonly all = new Map<string, FakePublish>();
  private sequence = 0;

  create(
    kind: FakePublish['kind'],
    fields: Pick<FakePublish, 'title' | 'privacy' | 'size' | 'chunkSize' | 'chunks'>,
  ) {
    this.sequence += 1;
    const id =
      kind === 'video'
        ? `v_pub_file~v2-1.${7_300_000_000 + this.sequence}`
        : `p_pub_url~v2.${7_300_000_000 + this.sequence}`;
    const publish: FakePublish = {
      id,
      kind,
      ...fields,
      received: 0,
      uploadToken: randomBytes(8).toString('hex'),
      status: kind === 'video' ? 'PROCESSING_UPLOAD' : 'PROCESSING_DOWNLOAD',
      complete: kind === 'photo',
    };
    this.all.set(id, publish);
    return publish;
  }

  byUpload(uploadId: string, token: string): FakePublish | undefined {
    const publish = this.all.get(uploadId);
    return publish?.uploadToken === token ? publish : undefined;
  }

  /** One PUT of the file: it must continue where the last ended and have its planned length. */
  upload(publish: FakePublish, contentRange: string | undefined, body: Buffer): FakeAnswer {
    const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange ?? '');
    const index = publish.chunkSize > 0 ? Math.floor(publish.received / publish.chunkSize) : 0;
    const expected = index === publish.chunks - 1 ? publish.size - publish.received : publish.chunkSize;
    if (
      !match ||
      Number(match[1]) !== publish.received ||
      Number(match[2]) - Number(match[1]) + 1 !== body.length ||
      Number(match[3]) !== publish.size ||
      body.length !== expected
    ) {
      return tiktokError(
        'invalid_file_upload',
        `Content-Range ${contentRange} does not fit chunk ${index + 1} of ${publish.chunks}`,
      );
    }
    publish.received += body.length;
    if (publish.received < publish.size) return { status: 206 };
    publish.complete = true;
    return { status: 201 };
  }

  /**
   * Moderation passed: the post is public with a 19-digit id. A SELF_ONLY post (and every
   * post of an unaudited app) is published but never publicly available: no id, ever.
   */
  publish(publish: FakePublish): string {
    publish.status = 'PUBLISH_COMPLETE';
    const id = `7${String(randomInt(100_000_000, 999_999_999))}${String(randomInt(100_000_000, 999_999_999))}`;
    if (publish.privacy !== 'SELF_ONLY') publish.postId = id;
    return id;
  }

  fail(publish: FakePublish, reason: string): void {
    publish.status = 'FAILED';
    publish.failReason = reason;
  }

  statusOf(publish: FakePublish): FakeAnswer {
    const data: Record<string, unknown> = { status: publish.status };
    if (publish.kind === 'video') data.uploaded_bytes = publish.received;
    if (publish.status === 'FAILED') data.fail_reason = publish.failReason;
    // The misspelled field, as an array of bare numbers.
    if (publish.postId) data.publicaly_available_post_id = [publish.postId];
    return ok(data, ['publicaly_available_post_id']);
  }
}
