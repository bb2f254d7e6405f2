/**
 * How LinkedIn reads `commentary` (little text): a backslash makes the next character
 * literal; an unescaped reserved character is markup, and LinkedIn (201 all the same)
 * silently drops the post's text from there on. The fake keeps only what LinkedIn
 * would show, so a test can see whether the escaping worked.
 */
const RESERVED = new Set('\\|{}@[]()<>#*_~');

export function renderLittleText(commentary: string): string {
  let shown = '';
  for (let i = 0; i < commentary.length; i += 1) {
    const char = commentary[i] as string;
    if (char === '\\') {
      const next = commentary[i + 1];
      if (next === undefined) break;
      shown += next;
      i += 1;
      continue;
    }
    if (RESERVED.has(char)) break;
    shown += char;
  }
  return shown;
}
