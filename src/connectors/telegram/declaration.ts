import type { ErrorSpec } from '../../errors/build.ts';
import { textLength } from '../../posts/text-length.ts';
import { options } from '../shared/options.ts';
import type { Declaration, PublishInput } from '../types.ts';

const NAME = 'Telegram';
/** sendPhoto / sendVideo / sendMediaGroup: `caption` is 0–1,024 characters. */
export const CAPTION_LIMIT = 1024;
/** sendMediaGroup takes 2–10 photos and videos (one album). */
export const MAX_ITEMS = 10;

/**
 * Checked before anything is stored, and again by the connector. Text longer than a
 * caption is refused with media (132), not split into a text message and a media
 * message: one post stays one Telegram send, which either happened or did not. A
 * split would add a second send that Telegram cannot deduplicate.
 */
function validate(input: PublishInput): ErrorSpec[] {
  const length = textLength(input.text, 'characters');
  if (input.media.length > 0 && length > CAPTION_LIMIT) {
    return [
      {
        code: 132,
        platform: 'telegram',
        params: {
          platformName: NAME,
          length,
          limit: CAPTION_LIMIT,
          unit: 'characters (a caption with media)',
        },
      },
    ];
  }
  if (input.media.length > MAX_ITEMS) {
    const reason = `at most ${MAX_ITEMS} images and videos in one post (a Telegram album)`;
    return [{ code: 136, platform: 'telegram', params: { platformName: NAME, reason } }];
  }
  if (input.media.length === 0 && input.text.trim() === '') {
    const details = 'A Telegram post needs text, or at least one image or video.';
    return [{ code: 622, platform: 'telegram', params: { platformName: NAME }, details }];
  }
  return [];
}

export const telegramDeclaration: Declaration = {
  id: 'telegram',
  name: NAME,
  optionsField: 'telegramOptions',
  optionsSchema: options({}),
  text: { limit: 4096, unit: 'characters' },
  // One photo or video (sendPhoto / sendVideo), or an album of 2–10 mixed (sendMediaGroup).
  media: { maxImages: MAX_ITEMS, maxVideos: MAX_ITEMS, mix: true },
  // The Bot API has no idempotency key and no way to find a message by a key Herald
  // chose: a send whose answer was lost becomes `unconfirmed` (626), never re-sent.
  capabilities: { delete: true, reconcile: false },
  credentials: [
    {
      name: 'botToken',
      description: 'Bot token from @BotFather (123456789:AA…). It is sent only in Bot API request paths.',
      secret: true,
      required: true,
    },
    {
      name: 'chatId',
      description:
        '@channelname or a numeric chat id (-100… for channels and supergroups). The bot must be an administrator allowed to post messages in a channel, or a member allowed to send messages in a group.',
      secret: false,
      required: true,
    },
  ],
  validate,
  sandboxPost: ({ numeric, username }) => {
    const id = String(Number(numeric.slice(0, 6)));
    return { id, postUrl: `https://t.me/${username}/${id}` };
  },
};
