import { Type } from 'typebox';
import { options } from '../shared/options.ts';
import type { Declaration } from '../types.ts';

/** A carousel (`multiple_image_urls`) takes 2 to 5 images (platform-apis.md §12). */
export const CAROUSEL_MAX = 5;

export const pinterestDeclaration: Declaration = {
  id: 'pinterest',
  name: 'Pinterest',
  optionsField: 'pinterestOptions',
  optionsSchema: options(
    {
      title: Type.Optional(Type.String({ maxLength: 100 })),
      link: Type.Optional(Type.String({ maxLength: 2048 })),
      boardId: Type.Optional(Type.String({ minLength: 1 })),
      altText: Type.Optional(Type.Array(Type.String({ maxLength: 500 }))),
      /** The video pin's cover image (Pinterest fetches it); without it, the first frame. */
      thumbNail: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
      /** Per image of a carousel: its own title and link. */
      carouselOptions: Type.Optional(
        Type.Array(
          options({
            title: Type.Optional(Type.String({ maxLength: 100 })),
            link: Type.Optional(Type.String({ maxLength: 2048 })),
          }),
          { maxItems: CAROUSEL_MAX },
        ),
      ),
    },
    ['note'],
  ),
  text: { limit: 500, unit: 'characters' },
  media: { maxImages: CAROUSEL_MAX, maxVideos: 1, mix: false, requiresMedia: true },
  // No idempotency key and no documented lookup: a lost answer becomes 626 (unconfirmed).
  capabilities: { delete: true, reconcile: false },
  credentials: [
    {
      name: 'accessToken',
      description: 'Pinterest OAuth token (pins:write, boards:read, user_accounts:read)',
      secret: true,
      required: true,
    },
    { name: 'boardId', description: 'Default board id', secret: false, required: true },
  ],
  sandboxPost: ({ numeric }) => {
    const id = numeric.slice(0, 18);
    return { id, postUrl: `https://www.pinterest.com/pin/${id}/` };
  },
};
