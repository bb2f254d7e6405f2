/**
 * LinkedIn's "little text" format for post commentary: these characters are markup
 * and must be backslash-escaped to appear as themselves. Unescaped, LinkedIn still
 * answers 201 but silently cuts the post at the first one. Herald sends the user's
 * text as plain text, so every reserved character is escaped (mentions and hashtag
 * templates are not generated).
 */
const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

export const LITTLE_TEXT_RESERVED = '\\|{}@[]()<>#*_~';

export function escapeLittleText(text: string): string {
  return text.replace(RESERVED, (char) => `\\${char}`);
}
