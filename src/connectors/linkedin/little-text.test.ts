import { describe, expect, it } from 'vitest';
import { renderLittleText } from '../../../test/fakes/linkedin/little-text.ts';
import { escapeLittleText, LITTLE_TEXT_RESERVED } from './little-text.ts';

describe('escapeLittleText', () => {
  it.each([
    ['plain words', 'plain words'],
    ['Hello (world)!', 'Hello \\(world\\)!'],
    ['#hashtag @mention', '\\#hashtag \\@mention'],
    ['a\\b', 'a\\\\b'],
    ['[x](y) <z> {w} |v| *u* _t_ ~s~', '\\[x\\]\\(y\\) \\<z\\> \\{w\\} \\|v\\| \\*u\\* \\_t\\_ \\~s\\~'],
    ['emoji 👍🏽 and é stay', 'emoji 👍🏽 and é stay'],
  ])('%j → %j', (text, escaped) => expect(escapeLittleText(text)).toBe(escaped));

  it('every reserved character, escaped, reads back as itself (unescaped, LinkedIn cuts the text)', () => {
    for (const char of LITTLE_TEXT_RESERVED) {
      const text = `before ${char} after`;
      expect(renderLittleText(escapeLittleText(text)), char).toBe(text);
      // An unescaped backslash escapes the next character instead of cutting the text.
      if (char !== '\\') expect(renderLittleText(text), char).toBe('before ');
    }
  });
});
