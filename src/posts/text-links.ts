/**
 * Where a post's text holds links: one rule for every place that needs it (Bluesky's
 * link facets, shortenLinks' rewrite), so what Herald shortens is exactly what the
 * network will show as a link.
 */

export interface TextLink {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  url: string;
}

// A link starts the text or follows whitespace or "(" and runs to the next whitespace.
const LINK = /(^|[\s(])(https?:\/\/\S+)/giu;
const TRAILING_PUNCTUATION = /[.,;:!?'"]$/u;

/** Sentence punctuation after a link belongs to the sentence, and so does a ")" the link did not open. */
function trimLink(candidate: string): string {
  let link = candidate;
  for (;;) {
    if (TRAILING_PUNCTUATION.test(link)) {
      link = link.slice(0, -1);
      continue;
    }
    if (link.endsWith(')') && count(link, '(') < count(link, ')')) {
      link = link.slice(0, -1);
      continue;
    }
    return link;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function isWebUrl(link: string): boolean {
  try {
    const url = new URL(link);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    // Not parseable as a URL: leave it as plain text rather than publish a broken link.
    return false;
  }
}

/** Every http(s) URL in the text, in order. */
export function findLinks(text: string): TextLink[] {
  const links: TextLink[] = [];
  for (const match of text.matchAll(LINK)) {
    const lead = match[1] ?? '';
    const url = trimLink(match[2] ?? '');
    if (!isWebUrl(url)) continue;
    const start = (match.index ?? 0) + lead.length;
    links.push({ start, end: start + url.length, url });
  }
  return links;
}
