/**
 * How a post becomes a chain of posts (X's `twitterOptions.thread`, Threads'
 * `threadsOptions.thread`): the text is split on blank lines (Ayrshare's rule) and
 * each part becomes a reply to the one before; `threadNumber` appends "n/total" to
 * each part. Without `thread` the text is one post. One rule for both networks.
 */

const BLANK_LINE = /\n[ \t]*\n/;

export function threadSegments(text: string, numbered: boolean): string[] {
  const parts = text
    .split(BLANK_LINE)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (!numbered) return parts;
  return parts.map((part, index) => `${part} ${index + 1}/${parts.length}`);
}

/** The posts of a chain, in order (one when `thread` is not set). */
export function threadTexts(text: string, options: Readonly<Record<string, unknown>>): string[] {
  if (options.thread !== true) return [text];
  const segments = threadSegments(text, options.threadNumber === true);
  // A chain of blank text is still one (empty) post: the network decides whether it may go out with media alone.
  return segments.length > 0 ? segments : [text];
}
