import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type FakeRequest, listen } from '../http.ts';
import { type S3Rejection, verifySigV4 } from './sigv4.ts';

/**
 * An S3-compatible server on 127.0.0.1 for the media store's tests: path-style
 * PutObject, GetObject, HeadObject, DeleteObject and ListObjectsV2 (prefix,
 * delimiter, max-keys, continuation-token, start-after), answered as AWS documents
 * them, XML errors included. Every request must carry a valid SigV4 signature
 * (sigv4.ts). Objects live in memory; tests may backdate them.
 */

export interface StoredObject {
  body: Buffer;
  contentType: string;
  lastModified: Date;
}

export interface FakeS3Options {
  region?: string;
  credentials?: Record<string, string>;
  buckets?: string[];
}

export interface FakeS3 {
  endpoint: string;
  region: string;
  /** The objects of a bucket, by key (undefined: no such bucket). */
  bucket(name: string): Map<string, StoredObject> | undefined;
  /** Requests answered, in order, with the S3 error code when refused. */
  requests: { method: string; path: string; query: URLSearchParams; error?: string }[];
  close(): Promise<void>;
}

export const FAKE_S3_KEY = { accessKeyId: 'HERALDTESTKEY', secretAccessKey: 'herald-test-secret-0123456789' };

const xmlEscape = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);

/** S3 dates are to the second. */
const seconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

function sendXml(res: ServerResponse, status: number, xml: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID() }).end(body);
}

function sendError(res: ServerResponse, method: string, error: S3Rejection, resource: string): void {
  // A HEAD answer has no body: S3 gives only the status.
  if (method === 'HEAD') {
    res.writeHead(error.status).end();
    return;
  }
  sendXml(
    res,
    error.status,
    `<Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message><Resource>${xmlEscape(resource)}</Resource><RequestId>${randomUUID()}</RequestId></Error>`,
  );
}

const token = (key: string) => Buffer.from(key, 'utf8').toString('base64');
const untoken = (value: string) => Buffer.from(value, 'base64').toString('utf8');

function listObjectsV2(objects: Map<string, StoredObject>, bucket: string, query: URLSearchParams): string {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeys = Math.min(Number(query.get('max-keys') ?? '1000'), 1000);
  const continuation = query.get('continuation-token');
  const after = continuation ? untoken(continuation) : (query.get('start-after') ?? '');
  const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
  const contents: string[] = [];
  const prefixes = new Set<string>();
  let last = '';
  let truncated = false;
  for (const key of keys) {
    const rest = key.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    const common = cut >= 0 ? key.slice(0, prefix.length + cut + delimiter.length) : undefined;
    if (common && prefixes.has(common)) continue;
    if (contents.length + prefixes.size >= maxKeys) {
      truncated = true;
      break;
    }
    last = key;
    if (common) {
      prefixes.add(common);
      continue;
    }
    const object = objects.get(key) as StoredObject;
    const etag = createHash('md5').update(object.body).digest('hex');
    contents.push(
      `<Contents><Key>${xmlEscape(key)}</Key><LastModified>${seconds(object.lastModified).toISOString()}</LastModified><ETag>&quot;${etag}&quot;</ETag><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    );
  }
  return [
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    `<Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix>`,
    delimiter ? `<Delimiter>${xmlEscape(delimiter)}</Delimiter>` : '',
    `<MaxKeys>${maxKeys}</MaxKeys><KeyCount>${contents.length + prefixes.size}</KeyCount>`,
    `<IsTruncated>${truncated}</IsTruncated>`,
    continuation ? `<ContinuationToken>${xmlEscape(continuation)}</ContinuationToken>` : '',
    truncated ? `<NextContinuationToken>${xmlEscape(token(last))}</NextContinuationToken>` : '',
    ...contents,
    ...[...prefixes].map((p) => `<CommonPrefixes><Prefix>${xmlEscape(p)}</Prefix></CommonPrefixes>`),
    '</ListBucketResult>',
  ].join('');
}

export async function startFakeS3(options: FakeS3Options = {}): Promise<FakeS3> {
  const region = options.region ?? 'us-east-1';
  const credentials = options.credentials ?? { [FAKE_S3_KEY.accessKeyId]: FAKE_S3_KEY.secretAccessKey };
  const buckets = new Map<string, Map<string, StoredObject>>(
    (options.buckets ?? ['herald-media']).map((name) => [name, new Map()]),
  );
  const requests: FakeS3['requests'] = [];

  const handle = async (request: FakeRequest, res: ServerResponse) => {
    const { method, path, query } = request;
    const record = (error?: string) => requests.push({ method, path, query, ...(error ? { error } : {}) });
    const fail = (error: S3Rejection) => {
      record(error.code);
      sendError(res, method, error, path);
    };
    const refused = verifySigV4(request, { region, credentials, now: Date.now() });
    if (refused) return fail(refused);

    const [, bucketName = '', ...rest] = path.split('/');
    const key = rest.map((segment) => decodeURIComponent(segment)).join('/');
    const objects = buckets.get(decodeURIComponent(bucketName));
    if (!bucketName)
      return fail({ status: 501, code: 'NotImplemented', message: 'ListBuckets is not faked' });
    if (!objects)
      return fail({ status: 404, code: 'NoSuchBucket', message: 'The specified bucket does not exist' });

    if (rest.length === 0) {
      if (method === 'GET' && query.get('list-type') === '2') {
        record();
        return sendXml(res, 200, listObjectsV2(objects, bucketName, query));
      }
      return fail({ status: 501, code: 'NotImplemented', message: `${method} on a bucket is not faked` });
    }

    const object = objects.get(key);
    switch (method) {
      case 'PUT': {
        const stored = {
          body: request.body,
          contentType: String(request.headers['content-type'] ?? 'binary/octet-stream'),
          lastModified: new Date(),
        };
        objects.set(key, stored);
        record();
        res.writeHead(200, { etag: `"${createHash('md5').update(stored.body).digest('hex')}"` }).end();
        return;
      }
      case 'GET':
      case 'HEAD': {
        if (!object)
          return fail({ status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' });
        record();
        // One byte range (what Herald asks for when serving a part): 206 with Content-Range.
        const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers.range ?? ''));
        const size = object.body.length;
        const start = range ? Number(range[1]) : 0;
        const end = range?.[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
        const body = object.body.subarray(start, end + 1);
        res.writeHead(range ? 206 : 200, {
          'content-type': object.contentType,
          'content-length': body.length,
          'last-modified': seconds(object.lastModified).toUTCString(),
          ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
        });
        res.end(method === 'GET' ? body : undefined);
        return;
      }
      case 'DELETE':
        // S3 answers 204 whether or not the key existed.
        objects.delete(key);
        record();
        res.writeHead(204).end();
        return;
      default:
        return fail({ status: 405, code: 'MethodNotAllowed', message: `${method} is not allowed here` });
    }
  };

  const server = await listen(handle);
  return {
    endpoint: server.origin,
    region,
    bucket: (name) => buckets.get(name),
    requests,
    close: server.close,
  };
}
