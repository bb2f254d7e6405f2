/**
 * When a signed media URL stops working, read from its own query string: S3 (SigV4
 * `X-Amz-Date` + `X-Amz-Expires`, SigV2 `Expires`), Google Cloud Storage
 * (`X-Goog-Date` + `X-Goog-Expires`) and CloudFront (`Expires` in unix seconds, or a
 * custom `Policy` with `DateLessThan`). A network fetches the media when the post goes
 * out, possibly much later than it was signed.
 */

export interface SignedExpiry {
  scheme: 's3' | 'gcs' | 'cloudfront';
  /** The parameters that said so, as named in the URL. */
  parameters: string;
  expiresAt: Date;
}

/** `20260708T123000Z` (ISO 8601 basic, as SigV4 writes it). */
function basicIsoDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
}

function paramOf(params: URLSearchParams, name: string): string | null {
  for (const [key, value] of params) if (key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}

function dated(
  params: URLSearchParams,
  prefix: 'X-Amz' | 'X-Goog',
  scheme: 's3' | 'gcs',
): SignedExpiry | undefined {
  const date = paramOf(params, `${prefix}-Date`);
  const expires = paramOf(params, `${prefix}-Expires`);
  if (!date || !expires || !/^\d+$/.test(expires)) return undefined;
  const start = basicIsoDate(date);
  if (!start) return undefined;
  return {
    scheme,
    parameters: `${prefix}-Date + ${prefix}-Expires`,
    expiresAt: new Date(start.getTime() + Number(expires) * 1000),
  };
}

function cloudFrontPolicy(policy: string): Date | undefined {
  try {
    // CloudFront's URL-safe base64: - for +, _ for =, ~ for /.
    const json = Buffer.from(
      policy.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'),
      'base64',
    ).toString();
    const parsed = JSON.parse(json) as {
      Statement?: { Condition?: { DateLessThan?: { 'AWS:EpochTime'?: number } } }[];
    };
    const epoch = parsed.Statement?.[0]?.Condition?.DateLessThan?.['AWS:EpochTime'];
    return typeof epoch === 'number' ? new Date(epoch * 1000) : undefined;
  } catch {
    return undefined;
  }
}

export function signedExpiry(url: string): SignedExpiry | undefined {
  if (!URL.canParse(url)) return undefined;
  const params = new URL(url).searchParams;
  const s3 = dated(params, 'X-Amz', 's3');
  if (s3) return s3;
  const gcs = dated(params, 'X-Goog', 'gcs');
  if (gcs) return gcs;
  const expires = paramOf(params, 'Expires');
  if (expires && /^\d{9,11}$/.test(expires)) {
    const s3v2 = paramOf(params, 'AWSAccessKeyId') !== null;
    return {
      scheme: s3v2 ? 's3' : 'cloudfront',
      parameters: 'Expires',
      expiresAt: new Date(Number(expires) * 1000),
    };
  }
  const policy = paramOf(params, 'Policy');
  const until = policy ? cloudFrontPolicy(policy) : undefined;
  return until ? { scheme: 'cloudfront', parameters: 'Policy (DateLessThan)', expiresAt: until } : undefined;
}
