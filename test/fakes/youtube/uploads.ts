import { randomBytes } from 'node:crypto';
import { type FakeAnswer, googleError } from './errors.ts';

/**
 * Google's resumable upload sessions: 200 + Location on open, 308 + Range while
 * incomplete (no Range when nothing arrived), 201 + the video when complete, 404
 * for an unknown or expired session. Non-final chunks must be multiples of 256 KiB.
 */

const CHUNK_UNIT = 256 * 1024;

export interface FakeVideo {
  id: string;
  snippet: {
    title: string;
    description?: string;
    tags?: string[];
    categoryId?: string;
    channelId: string;
  } & Record<string, unknown>;
  status: { uploadStatus: 'uploaded'; privacyStatus?: string; selfDeclaredMadeForKids?: boolean } & Record<
    string,
    unknown
  >;
  bytes: Buffer;
  /** When the upload finished (ISO), as `publishedAt`. */
  publishedAt?: string;
}

interface Session {
  metadata: { snippet?: Record<string, unknown>; status?: Record<string, unknown> };
  declared: number | undefined;
  type: string;
  parts: Buffer[];
  received: number;
  video?: FakeVideo;
}

export function videoResource(video: FakeVideo): Record<string, unknown> {
  return { kind: 'youtube#video', etag: 'etag', id: video.id, snippet: video.snippet, status: video.status };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function videoId(): string {
  return [...randomBytes(11)].map((byte) => ID_ALPHABET[byte % 64]).join('');
}

function incomplete(received: number): FakeAnswer {
  return { status: 308, headers: received > 0 ? { range: `bytes=0-${received - 1}` } : {} };
}

export class UploadSessions {
  private readonly sessions = new Map<string, Session>();
  /** Videos whose upload completed: what "uploaded once" is checked against. */
  completed = 0;

  constructor(
    private readonly channelId: string,
    private readonly onVideo: (video: FakeVideo) => void,
  ) {}

  open(metadata: Session['metadata'], declared: number | undefined, type: string): string {
    const id = randomBytes(12).toString('base64url');
    this.sessions.set(id, { metadata, declared, type, parts: [], received: 0 });
    return id;
  }

  /** Forgets every open session: the next PUT or status check gets a 404. */
  expireAll(): void {
    this.sessions.clear();
  }

  put(id: string, contentRange: string | undefined, body: Buffer): FakeAnswer {
    const session = this.sessions.get(id);
    if (!session) return { status: 404, body: 'Not Found' };
    const status = /^bytes \*\/(\d+|\*)$/.exec(contentRange ?? '');
    if (status) {
      if (session.video) return { status: 200, body: videoResource(session.video) };
      return incomplete(session.received);
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange ?? '');
    if (!range) return googleError(400, 'global', 'badContent', 'Content-Range is missing or malformed.');
    const [start, end] = [Number(range[1]), Number(range[2])];
    const total = range[3] === '*' ? session.declared : Number(range[3]);
    if (end - start + 1 !== body.length)
      return googleError(400, 'global', 'badContent', 'Content-Range does not match the body.');
    // A chunk that does not start where the stored bytes end: answer where the session stands.
    if (start !== session.received || session.video)
      return this.put(id, `bytes */${total ?? '*'}`, Buffer.alloc(0));
    const final = total !== undefined && end + 1 === total;
    if (!final && body.length % CHUNK_UNIT !== 0) {
      return googleError(
        400,
        'global',
        'badContent',
        `Chunks must be multiples of ${CHUNK_UNIT} bytes except the last.`,
      );
    }
    session.parts.push(body);
    session.received += body.length;
    if (!final) return incomplete(session.received);
    session.video = this.finish(session);
    return { status: 201, body: videoResource(session.video) };
  }

  private finish(session: Session): FakeVideo {
    const snippet = session.metadata.snippet ?? {};
    const status = session.metadata.status ?? {};
    const video: FakeVideo = {
      id: videoId(),
      publishedAt: new Date().toISOString(),
      snippet: {
        title: String(snippet.title ?? ''),
        description: String(snippet.description ?? ''),
        ...(Array.isArray(snippet.tags) ? { tags: snippet.tags.map(String) } : {}),
        ...(typeof snippet.categoryId === 'string' ? { categoryId: snippet.categoryId } : {}),
        channelId: this.channelId,
      },
      status: {
        uploadStatus: 'uploaded',
        privacyStatus: typeof status.privacyStatus === 'string' ? status.privacyStatus : 'public',
        selfDeclaredMadeForKids: status.selfDeclaredMadeForKids === true,
      },
      bytes: Buffer.concat(session.parts),
    };
    this.completed += 1;
    this.onVideo(video);
    return video;
  }
}
