import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat as statFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { typeOfName } from './media-names.ts';
import { type MediaStore, PART_NAME, STORED_NAME } from './media-store.ts';
import { parseListPage, parseS3Error } from './s3-xml.ts';

export interface S3StoreOptions {
  /** Base URL of the S3 API (`https://s3.eu-west-1.amazonaws.com`, MinIO's, R2's...). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Folder inside the bucket (`herald/media/`); empty: the bucket's root. */
  prefix?: string;
  /** Longest wait for one S3 answer, body included. */
  timeoutMs?: number;
  /** Keys per ListObjectsV2 page (S3's maximum and default: 1000). */
  pageSize?: number;
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** Percent-encoding as SigV4 canonicalizes it: only RFC 3986 unreserved characters stay. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A key in a path: each segment encoded, its `/` kept. */
function encodeKey(key: string): string {
  return key.split('/').map(rfc3986).join('/');
}

/** `herald/media` → `herald/media/`: the prefix is a folder, whatever slashes the operator wrote. */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

/** A non-2xx answer from S3: its status and `<Code>` (absent for HEAD, which has no body). */
export class S3Failure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'S3Failure';
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof DOMException && err.name === 'TimeoutError') return 'no answer in time';
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
}

/**
 * Converted media in an S3-compatible bucket, so every Herald process (API on one
 * machine, workers on others) serves what any worker converted. Path-style URLs
 * (`<endpoint>/<bucket>/<key>`) work with AWS, MinIO, Ceph, R2, Garage and s3rver
 * alike; requests are signed with SigV4 (aws4fetch) and sent with the global fetch.
 * The endpoint is the operator's own configuration, not a user's URL, so the media
 * SSRF guard does not apply to it.
 *
 * A PUT is atomic in S3 (an object appears whole or not at all), so unlike the local
 * store there is no write-then-rename and never a leftover.
 */
export interface S3MediaStore extends MediaStore {
  /**
   * A presigned PUT of one object (query-string SigV4, UNSIGNED-PAYLOAD): whoever holds
   * the URL may upload that one key, with exactly this Content-Type, until it expires.
   */
  presignPut(name: string, contentType: string, expiresSeconds: number): Promise<string>;
}

export function s3MediaStore(options: S3StoreOptions): S3MediaStore {
  // No retries inside (aws4fetch would back off up to 10 times on a 5xx, past the publish
  // timeout): a failed put fails the target with 452, which the user retries; a failed
  // GET is retried by the network's crawler.
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: 's3',
    retries: 0,
  });
  const bucketUrl = `${options.endpoint.replace(/\/+$/, '')}/${encodeKey(options.bucket)}`;
  const prefix = normalizePrefix(options.prefix);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pageSize = options.pageSize ?? 1000;
  const keyOf = (name: string) => `${prefix}${name}`;

  async function call(
    method: string,
    url: string,
    what: string,
    body?: Buffer,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    // The payload hash is signed (not UNSIGNED-PAYLOAD): S3 refuses a body changed in transit.
    const headers: Record<string, string> = {
      'x-amz-content-sha256': body ? createHash('sha256').update(body).digest('hex') : EMPTY_SHA256,
      ...extra,
    };
    try {
      return await client.fetch(url, {
        method,
        headers,
        ...(body ? { body: new Uint8Array(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new Error(`S3 ${what}: ${reasonOf(err)}`);
    }
  }

  /** Names S3's status and its `<Code>`: what an operator needs to fix the bucket or the keys. */
  async function failure(res: Response, what: string): Promise<S3Failure> {
    const text = await res.text().catch(() => '');
    const { code, message } = parseS3Error(text.slice(0, 65_536));
    return new S3Failure(
      `S3 answered ${res.status}${code ? ` ${code}` : ''} to ${what}${message ? `: ${message}` : ''}`,
      res.status,
      code,
    );
  }

  const objectUrl = (name: string) => `${bucketUrl}/${encodeKey(keyOf(name))}`;
  const contentTypeOf = (name: string) => typeOfName(name) ?? 'application/octet-stream';

  return {
    kind: 's3',
    async put(name, bytes) {
      if (!STORED_NAME.test(name)) throw new Error(`media store: refusing the name ${name}`);
      const what = `PUT ${options.bucket}/${keyOf(name)}`;
      const res = await call('PUT', objectUrl(name), what, bytes, { 'content-type': contentTypeOf(name) });
      if (!res.ok) throw await failure(res, what);
      await res.body?.cancel();
    },

    async putFile(name, file) {
      if (!STORED_NAME.test(name)) throw new Error(`media store: refusing the name ${name}`);
      const what = `PUT ${options.bucket}/${keyOf(name)}`;
      const { size } = await statFile(file);
      // Streamed: the payload is not hashed ahead (UNSIGNED-PAYLOAD; TLS guards the bytes in
      // transit), so a 1 GB video never sits in memory. One PUT takes up to 5 GB in S3.
      const body = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
      let res: Response;
      try {
        res = await client.fetch(objectUrl(name), {
          method: 'PUT',
          headers: {
            'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
            'content-type': contentTypeOf(name),
            'content-length': String(size),
          },
          body,
          // Node's fetch needs this for a streamed request body.
          duplex: 'half',
        } as RequestInit);
      } catch (err) {
        throw new Error(`S3 ${what}: ${reasonOf(err)}`);
      }
      if (!res.ok) throw await failure(res, what);
      await res.body?.cancel();
    },

    async stat(name) {
      if (!STORED_NAME.test(name)) return undefined;
      const what = `HEAD ${options.bucket}/${keyOf(name)}`;
      const res = await call('HEAD', objectUrl(name), what);
      if (res.status === 404) return undefined;
      if (!res.ok) throw await failure(res, what);
      return {
        name,
        lastModified: new Date(res.headers.get('last-modified') ?? 0),
        size: Number(res.headers.get('content-length') ?? 0),
      };
    },

    async read(name, range) {
      if (!STORED_NAME.test(name)) return undefined;
      const what = `GET ${options.bucket}/${keyOf(name)}`;
      const res = await call(
        'GET',
        objectUrl(name),
        what,
        undefined,
        range ? { range: `bytes=${range.start}-${range.end}` } : {},
      );
      if (res.status === 404) {
        const error = await failure(res, what);
        if (error.code !== 'NoSuchBucket') return undefined;
        throw error;
      }
      if (!res.ok) throw await failure(res, what);
      if (!res.body) return Readable.from([]);
      return Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>);
    },

    async presignPut(name, contentType, expiresSeconds) {
      if (!STORED_NAME.test(name)) throw new Error(`media store: refusing the name ${name}`);
      const url = new URL(objectUrl(name));
      url.searchParams.set('X-Amz-Expires', String(expiresSeconds));
      const signed = await client.sign(url.toString(), {
        method: 'PUT',
        headers: { 'content-type': contentType },
        // allHeaders: Content-Type is signed too, so the upload must carry the type Herald was told.
        aws: { signQuery: true, allHeaders: true },
      });
      return signed.url;
    },

    async get(name) {
      if (!STORED_NAME.test(name)) return undefined;
      const what = `GET ${options.bucket}/${keyOf(name)}`;
      const res = await call('GET', `${bucketUrl}/${encodeKey(keyOf(name))}`, what);
      if (res.ok) return Buffer.from(await res.arrayBuffer());
      const error = await failure(res, what);
      // A missing key is "not found"; a missing bucket is a configuration problem and must show.
      if (error.status === 404 && error.code !== 'NoSuchBucket') return undefined;
      throw error;
    },

    async *list() {
      let token: string | undefined;
      do {
        // Built by hand, RFC 3986-encoded: URLSearchParams would write a space as `+`.
        const params: [string, string][] = [
          ['list-type', '2'],
          ['prefix', prefix],
          ['delimiter', '/'],
          ['max-keys', String(pageSize)],
        ];
        if (token) params.push(['continuation-token', token]);
        const query = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
        const what = `ListObjectsV2 ${options.bucket}/${prefix}`;
        const res = await call('GET', `${bucketUrl}?${query}`, what);
        if (!res.ok) throw await failure(res, what);
        const page = parseListPage(await res.text());
        for (const object of page.objects) {
          // The delimiter keeps deeper "folders" out; the name test keeps out anything Herald did not write.
          const name = object.key.slice(prefix.length);
          if (object.key.startsWith(prefix) && STORED_NAME.test(name))
            yield { name, lastModified: object.lastModified };
        }
        token = page.nextToken;
      } while (token);
    },

    async delete(name, writtenBy) {
      if (!STORED_NAME.test(name) && !PART_NAME.test(name))
        throw new Error(`media store: refusing to delete ${name}`);
      const url = `${bucketUrl}/${encodeKey(keyOf(name))}`;
      // S3 has no portable conditional DELETE: a HEAD just before it narrows the window in
      // which a re-store (a fresh file under the same name) could be deleted by a stale listing.
      const headWhat = `HEAD ${options.bucket}/${keyOf(name)}`;
      const head = await call('HEAD', url, headWhat);
      if (head.status === 404) return false;
      if (!head.ok) throw await failure(head, headWhat);
      const written = new Date(head.headers.get('last-modified') ?? '');
      if (Number.isNaN(written.getTime()) || written > writtenBy) return false;
      const what = `DELETE ${options.bucket}/${keyOf(name)}`;
      const res = await call('DELETE', url, what);
      if (res.status === 404) return false;
      if (!res.ok) throw await failure(res, what);
      await res.body?.cancel();
      return true;
    },
  };
}
