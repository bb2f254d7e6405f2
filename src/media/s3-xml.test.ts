import { describe, expect, it } from 'vitest';
import { parseListPage, parseS3Error, xmlText } from './s3-xml.ts';

describe('S3 XML', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;Key&gt; &quot;x&quot; &apos;y&apos;', `<Key> "x" 'y'`],
    ['&#233;t&#xE9;', 'été'],
    ['&unknown; stays', '&unknown; stays'],
  ])('decodes %s', (raw, text) => expect(xmlText(raw)).toBe(text));

  it('reads an error’s Code and Message; a body without them is empty', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match &amp; so on</Message><RequestId>1</RequestId></Error>';
    expect(parseS3Error(xml)).toEqual({
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match & so on',
    });
    expect(parseS3Error('')).toEqual({});
    expect(parseS3Error('<html>Bad gateway</html>')).toEqual({});
  });

  it('reads a ListObjectsV2 page: keys, dates, the next token while truncated', () => {
    const page = parseListPage(
      `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>p/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken><Contents><Key>p/a&amp;b.jpg</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>&quot;x&quot;</ETag><Size>3</Size></Contents><Contents><Key>p/c.jpg</Key><LastModified>2026-01-03T00:00:00Z</LastModified></Contents><CommonPrefixes><Prefix>p/deeper/</Prefix></CommonPrefixes></ListBucketResult>`,
    );
    expect(page).toEqual({
      objects: [
        { key: 'p/a&b.jpg', lastModified: new Date('2026-01-02T03:04:05.000Z') },
        { key: 'p/c.jpg', lastModified: new Date('2026-01-03T00:00:00Z') },
      ],
      nextToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
    });
  });

  it('leaves out an object whose date it cannot read (never deleted), and stops at the last page', () => {
    const page = parseListPage(
      '<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a.jpg</Key><LastModified>yesterday</LastModified></Contents></ListBucketResult>',
    );
    expect(page).toEqual({ objects: [] });
  });

  it('refuses what would loop or is not a listing', () => {
    expect(() =>
      parseListPage('<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>'),
    ).toThrow(/without NextContinuationToken/);
    expect(() => parseListPage('<html>login</html>')).toThrow(/not a ListBucketResult/);
  });
});
