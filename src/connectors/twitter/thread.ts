/**
 * How a post becomes tweets. With `twitterOptions.thread`, the text is split on
 * blank lines (Ayrshare's rule) and each part becomes a reply to the one before;
 * `threadNumber` appends "n/total" to each part. Otherwise the text is one tweet.
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

/** The tweets of a post, in order. */
export function tweetTexts(text: string, options: Readonly<Record<string, unknown>>): string[] {
  if (options.thread !== true) return [text];
  const segments = threadSegments(text, options.threadNumber === true);
  // A thread of blank text is still one (empty) tweet: X decides whether it may go out with media alone.
  return segments.length > 0 ? segments : [text];
}
