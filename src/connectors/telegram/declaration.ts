import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

export const telegramDeclaration: Declaration = {
  id: 'telegram',
  name: 'Telegram',
  optionsField: 'telegramOptions',
  optionsSchema: options({}),
  text: { limit: 4096, unit: 'characters' },
  media: { maxImages: 1, maxVideos: 1, mix: false },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    { name: 'botToken', description: 'Bot token from @BotFather', secret: true, required: true },
    { name: 'chatId', description: '@channel or numeric chat id', secret: false, required: true },
  ],
  sandboxPost: ({ numeric, username }) => {
    const id = String(Number(numeric.slice(0, 6)));
    return { id, postUrl: `https://t.me/${username}/${id}` };
  },
};
