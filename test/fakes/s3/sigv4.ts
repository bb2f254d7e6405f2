import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FakeRequest } from '../http.ts';

/**
 * Server-side verification of AWS Signature Version 4 for S3, written from AWS's
 * documentation ("Authenticating Requests: Using the Authorization Header", "Create
 * a canonical request", "Create a string to sign", "Calculate the signature") and not
 * from any client library, so the store's signer is checked by an independent reading.
 * What it refuses, it refuses with the status and `<Code>` S3 answers with.
 */

export interface S3Rejection {
  status: number;
  code: string;
  message: string;
}

export interface VerifyOptions {
  region: string;
  /** Access key id → secret access key. */
  credentials: Readonly<Record<string, string>>;
  now: number;
}

const MAX_SKEW_MS = 15 * 60_000;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** URI-encode as SigV4 says: every byte but A-Z a-z 0-9 - . _ ~ as %XY (upper-case hex). */
export function uriEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** S3: the path as sent, each segment decoded and encoded once (no normalization, no double encoding). */
function canonicalUri(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      const name = decode(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
      return [uriEncode(name), uriEncode(value)] as const;
    })
    .sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function headerValue(request: FakeRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  // Trimmed, sequential spaces to one; a repeated header's values joined by commas.
  return (Array.isArray(value) ? value.join(',') : value).trim().replace(/ +/g, ' ');
}

function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

const reject = (status: number, code: string, message: string): S3Rejection => ({ status, code, message });

/**
 * A presigned request ("Authenticating Requests: Using Query Parameters (AWS Signature
 * Version 4)"): the X-Amz-* query parameters carry the credential, the signed headers and
 * the signature; the payload is UNSIGNED-PAYLOAD; past X-Amz-Date + X-Amz-Expires (at most
 * 7 days) S3 answers 403 "Request has expired".
 */
function verifyPresigned(request: FakeRequest, options: VerifyOptions): S3Rejection | undefined {
  const q = request.query;
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    return reject(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
    );
  const credential = q.get('X-Amz-Credential') ?? '';
  const signedHeaderList = q.get('X-Amz-SignedHeaders') ?? '';
  const signature = q.get('X-Amz-Signature') ?? '';
  const amzDate = q.get('X-Amz-Date') ?? '';
  const expires = Number(q.get('X-Amz-Expires') ?? 'NaN');
  if (!Number.isInteger(expires) || expires < 1 || expires > 604_800)
    return reject(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be a number of seconds from 1 to 604800',
    );
  const [accessKeyId = '', scopeDate = '', region, service, terminator] = credential.split('/');
  if (terminator !== 'aws4_request' || service !== 's3')
    return reject(400, 'AuthorizationQueryParametersError', `Invalid credential scope in ${credential}.`);
  const secret = options.credentials[accessKeyId];
  if (secret === undefined)
    return reject(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  if (region !== options.region)
    return reject(
      400,
      'AuthorizationQueryParametersError',
      `the region '${region}' is wrong; expecting '${options.region}'`,
    );
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || scopeDate !== amzDate.slice(0, 8))
    return reject(403, 'AccessDenied', 'X-Amz-Date is not valid');
  if (options.now > signedAt + expires * 1000) return reject(403, 'AccessDenied', 'Request has expired');
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host'))
    return reject(400, 'AuthorizationQueryParametersError', 'SignedHeaders must include host.');
  const q0 = request.rawUrl.indexOf('?');
  const rawPath = q0 < 0 ? request.rawUrl : request.rawUrl.slice(0, q0);
  // Every query parameter but the signature is signed.
  const rawQuery = (q0 < 0 ? '' : request.rawUrl.slice(q0 + 1))
    .split('&')
    .filter((pair) => !pair.startsWith('X-Amz-Signature='))
    .join('&');
  const canonicalRequest = [
    request.method,
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    `${signedHeaders.map((h) => `${h}:${headerValue(request, h) ?? ''}`).join('\n')}\n`,
    signedHeaderList,
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${scopeDate}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), region), 's3'), 'aws4_request');
  const expected = hmac(signingKey, stringToSign);
  if (!/^[0-9a-f]{64}$/.test(signature) || !timingSafeEqual(expected, Buffer.from(signature, 'hex')))
    return reject(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  return undefined;
}

/** undefined when the request is signed correctly by a known key; else what S3 would answer. */
export function verifySigV4(request: FakeRequest, options: VerifyOptions): S3Rejection | undefined {
  const authorization = headerValue(request, 'authorization');
  if (!authorization && request.query.has('X-Amz-Signature')) return verifyPresigned(request, options);
  if (!authorization) return reject(403, 'AccessDenied', 'Access Denied');
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!match) return reject(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
  const [, credential = '', signedHeaderList = '', signature = ''] = match;

  const [accessKeyId = '', scopeDate = '', region, service, terminator, ...extra] = credential.split('/');
  if (extra.length > 0 || terminator !== 'aws4_request' || service !== 's3')
    return reject(400, 'AuthorizationHeaderMalformed', `Invalid credential scope in ${credential}.`);
  const secret = options.credentials[accessKeyId];
  if (secret === undefined)
    return reject(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  if (region !== options.region)
    return reject(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${region}' is wrong; expecting '${options.region}'`,
    );

  const amzDate = headerValue(request, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined)
    return reject(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  if (Math.abs(options.now - signedAt) > MAX_SKEW_MS)
    return reject(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );
  if (scopeDate !== amzDate.slice(0, 8))
    return reject(
      400,
      'AuthorizationHeaderMalformed',
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.',
    );

  const payloadHash = headerValue(request, 'x-amz-content-sha256');
  if (!payloadHash)
    return reject(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  if (payloadHash !== 'UNSIGNED-PAYLOAD') {
    if (!/^[0-9a-f]{64}$/.test(payloadHash))
      return reject(
        400,
        'InvalidArgument',
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a SHA-256 value.',
      );
    if (payloadHash !== sha256(request.body))
      return reject(
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
  }

  const signedHeaders = signedHeaderList.split(';');
  const sorted = [...signedHeaders].sort();
  if (
    signedHeaders.some((h, i) => h !== sorted[i] || h !== h.toLowerCase()) ||
    !signedHeaders.includes('host')
  )
    return reject(
      400,
      'AuthorizationHeaderMalformed',
      'SignedHeaders must be sorted, lower case, and include host.',
    );
  // Every x-amz-* header sent must be covered by the signature.
  const unsigned = Object.keys(request.headers).filter(
    (h) => h.startsWith('x-amz-') && !signedHeaders.includes(h),
  );
  if (unsigned.length > 0)
    return reject(403, 'AccessDenied', 'There were headers present in the request which were not signed');

  const q = request.rawUrl.indexOf('?');
  const rawPath = q < 0 ? request.rawUrl : request.rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : request.rawUrl.slice(q + 1);
  const canonicalRequest = [
    request.method,
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    `${signedHeaders.map((h) => `${h}:${headerValue(request, h) ?? ''}`).join('\n')}\n`,
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), region), 's3'), 'aws4_request');
  const expected = hmac(signingKey, stringToSign);
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex')))
    return reject(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  return undefined;
}
