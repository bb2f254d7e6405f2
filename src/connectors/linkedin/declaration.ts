import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { options } from '../shared/options.ts';
import type { Declaration, PublishInput } from '../types.ts';

const NAME = 'LinkedIn';

/**
 * What the live connector cannot send yet. A sandbox account refuses it too: a test that
 * passes against the sandbox must not fail in production.
 */
function validate(input: PublishInput): ErrorSpec[] {
  if (!input.media.some((item) => item.kind === 'video')) return [];
  return [
    {
      code: 136,
      platform: 'linkedin',
      params: { platformName: NAME, reason: 'Herald does not upload LinkedIn videos yet (images only)' },
    },
  ];
}

export const linkedinDeclaration: Declaration = {
  id: 'linkedin',
  name: NAME,
  optionsField: 'linkedInOptions',
  optionsAliases: ['linkedinOptions'],
  optionsSchema: options(
    {
      altText: Type.Optional(Type.Array(Type.String())),
      disableShare: Type.Optional(Type.Boolean()),
      titles: Type.Optional(Type.Array(Type.String())),
    },
    ['targeting', 'thumbNail'],
  ),
  text: { limit: 3000, unit: 'characters' },
  media: { maxImages: 9, maxVideos: 1, mix: false },
  capabilities: { delete: true, reconcile: false },
  credentials: [
    {
      name: 'author',
      description:
        'Who posts: urn:li:person:<id> (the member the token belongs to; <id> is the OpenID `sub`) or urn:li:organization:<id> (a page the member administers as ADMINISTRATOR or CONTENT_ADMIN).',
      secret: false,
      required: true,
    },
    {
      name: 'accessToken',
      description:
        'OAuth 2.0 access token with w_member_social (person) or w_organization_social (organization), plus openid and profile so linking can check who it belongs to. Tokens last 60 days; link again before then.',
      secret: true,
      required: true,
    },
  ],
  dailyBudget: 150,
  validate,
  sandboxPost: ({ numeric }) => {
    const urn = `urn:li:share:${numeric}`;
    return { id: urn, postUrl: `https://www.linkedin.com/feed/update/${urn}/` };
  },
  // Comments: one image (`content[].entity.image`). 1,250 characters is LinkedIn's comment
  // limit as its product applies it; the Comments API reference states none (a longer text
  // would be LinkedIn's 400, through the table).
  comments: { text: { limit: 1250, unit: 'characters' }, maxImages: 1 },
};
