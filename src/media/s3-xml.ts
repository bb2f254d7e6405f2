/**
 * The little of S3's XML that the media store reads: an error's `<Code>` and
 * `<Message>`, and a ListObjectsV2 page. S3's answers are flat, machine-written XML
 * (no CDATA, no comments, no attributes on these elements), so a tag match is enough
 * and no XML library is needed.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data → text (the five named entities and numeric references). */
export function xmlText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

/** Text of the first `<tag>…</tag>` in `xml`, decoded; undefined when absent. */
function element(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match?.[1] === undefined ? undefined : xmlText(match[1]);
}

export interface S3ErrorBody {
  code?: string;
  message?: string;
}

/** `<Error><Code>…</Code><Message>…</Message>…</Error>`; empty for a body without one (HEAD, proxies). */
export function parseS3Error(xml: string): S3ErrorBody {
  const code = element(xml, 'Code');
  const message = element(xml, 'Message');
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}

export interface ListedObject {
  key: string;
  lastModified: Date;
}

export interface ListPage {
  objects: ListedObject[];
  /** Present while the listing is truncated: the next request's continuation-token. */
  nextToken?: string;
}

/** One ListObjectsV2 answer (`<ListBucketResult>`). An object whose date is unreadable is left out: never deleted. */
export function parseListPage(xml: string): ListPage {
  if (!xml.includes('<ListBucketResult')) throw new Error('not a ListBucketResult');
  const objects: ListedObject[] = [];
  for (const [, contents = ''] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const key = element(contents, 'Key');
    const lastModified = new Date(element(contents, 'LastModified') ?? '');
    if (key !== undefined && !Number.isNaN(lastModified.getTime())) objects.push({ key, lastModified });
  }
  if (element(xml, 'IsTruncated') !== 'true') return { objects };
  const nextToken = element(xml, 'NextContinuationToken');
  // Truncated without a token would restart the listing forever.
  if (!nextToken) throw new Error('a truncated listing without NextContinuationToken');
  return { objects, nextToken };
}
