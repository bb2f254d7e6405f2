import type { FormNetwork } from '../../linking/types.ts';

/**
 * Linking Telegram: a bot token and a chat typed on the page, checked exactly as POST
 * /api/accounts checks them (getMe, getChat, the bot's right to post there). Telegram
 * has no OAuth for bots.
 */
export const telegramLinking: FormNetwork = {
  kind: 'form',
  platform: 'telegram',
  fields: [
    {
      name: 'botToken',
      label: 'Bot token',
      type: 'password',
      required: true,
      hint: 'From @BotFather (123456789:AA…).',
    },
    {
      name: 'chatId',
      label: 'Channel or group',
      type: 'text',
      required: true,
      hint: 'The @username of a channel, or the chat id (-100…). Add the bot there as an admin first.',
    },
  ],
  note: 'Herald posts through your bot; remove the bot from the chat to stop it.',
};
