import { describe, expect, it } from 'vitest';
import { signedExpiry } from './presigned.ts';

const policy = (epoch: number) =>
  Buffer.from(
    JSON.stringify({
      Statement: [
        {
          Resource: 'https://d1.cloudfront.net/a.jpg',
          Condition: { DateLessThan: { 'AWS:EpochTime': epoch } },
        },
      ],
    }),
  )
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/=/g, '_')
    .replace(/\//g, '~');

describe('signed URL expiry', () => {
  it.each([
    [
      'S3 SigV4',
      'https://b.s3.amazonaws.com/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260708T120000Z&X-Amz-Expires=3600&X-Amz-Signature=ab',
      { scheme: 's3', parameters: 'X-Amz-Date + X-Amz-Expires', expiresAt: '2026-07-08T13:00:00.000Z' },
    ],
    [
      'S3 SigV4, lower-case names',
      'https://b.s3.amazonaws.com/a.jpg?x-amz-date=20260708T120000Z&x-amz-expires=60',
      { scheme: 's3', expiresAt: '2026-07-08T12:01:00.000Z' },
    ],
    [
      'Google Cloud Storage',
      'https://storage.googleapis.com/b/a.jpg?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Date=20260708T120000Z&X-Goog-Expires=900',
      { scheme: 'gcs', parameters: 'X-Goog-Date + X-Goog-Expires', expiresAt: '2026-07-08T12:15:00.000Z' },
    ],
    [
      'CloudFront canned policy',
      'https://d1.cloudfront.net/a.jpg?Expires=1783512000&Signature=x&Key-Pair-Id=K1',
      { scheme: 'cloudfront', parameters: 'Expires', expiresAt: '2026-07-08T12:00:00.000Z' },
    ],
    [
      'S3 SigV2',
      'https://b.s3.amazonaws.com/a.jpg?AWSAccessKeyId=AK&Expires=1783512000&Signature=x',
      { scheme: 's3', parameters: 'Expires', expiresAt: '2026-07-08T12:00:00.000Z' },
    ],
    [
      'CloudFront custom policy',
      `https://d1.cloudfront.net/a.jpg?Policy=${policy(1783512000)}&Signature=x&Key-Pair-Id=K1`,
      { scheme: 'cloudfront', parameters: 'Policy (DateLessThan)', expiresAt: '2026-07-08T12:00:00.000Z' },
    ],
  ])('%s', (_name, url, expected) => {
    const expiry = signedExpiry(url);
    expect({ ...expiry, expiresAt: expiry?.expiresAt.toISOString() }).toMatchObject(expected);
  });

  it.each([
    ['https://cdn.example/a.jpg'],
    ['https://cdn.example/a.jpg?X-Amz-Date=yesterday&X-Amz-Expires=60'],
    ['https://cdn.example/a.jpg?X-Amz-Date=20260708T120000Z'],
    ['https://cdn.example/a.jpg?Expires=soon'],
    ['https://cdn.example/a.jpg?Policy=not-base64-json'],
    ['not a url'],
  ])('%s is not a signed URL', (url) => {
    expect(signedExpiry(url)).toBeUndefined();
  });
});
