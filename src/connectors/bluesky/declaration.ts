import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import type { ErrorSpec } from '../../errors/build.ts';
import { altTexts, options } from '../shared/options.ts';
import type { Declaration, PublishInput, SandboxSeed } from '../types.ts';
import { rkeyFor } from './rkey.ts';
import { graphemeLength, utf8Length } from './text.ts';

const NAME = 'Bluesky';
const TEXT_LIMIT = 300;
const TEXT_MAX_BYTES = 3000;
const MAX_IMAGES = 4;

const optionsSchema = options({
  // Alt text of each image, in the order of mediaUrls; a media item's own altText is the fallback.
  altText: Type.Optional(altTexts),
  // The post lexicon accepts at most three languages.
  langs: Type.Optional(
    Type.Array(Type.String(), { maxItems: 3, description: 'BCP-47 languages of the text, e.g. ["en"].' }),
  ),
});

/** Text and media rules Bluesky enforces, checked before any network call. */
function validate(input: PublishInput): ErrorSpec[] {
  const errors: ErrorSpec[] = [];
  const tooLong = (length: number, limit: number, unit: string): ErrorSpec => ({
    code: 132,
    platform: 'bluesky',
    params: { platformName: NAME, length, limit, unit },
  });
  const graphemes = graphemeLength(input.text);
  const bytes = utf8Length(input.text);
  if (graphemes > TEXT_LIMIT) errors.push(tooLong(graphemes, TEXT_LIMIT, 'graphemes'));
  else if (bytes > TEXT_MAX_BYTES) errors.push(tooLong(bytes, TEXT_MAX_BYTES, 'bytes'));
  const mediaError = (reason: string): ErrorSpec => ({
    code: 136,
    platform: 'bluesky',
    params: { platformName: NAME, reason },
  });
  const images = input.media.filter((item) => item.kind === 'image').length;
  if (input.media.some((item) => item.kind === 'video'))
    errors.push(mediaError('video is not supported yet'));
  if (images > MAX_IMAGES) errors.push(mediaError(`at most ${MAX_IMAGES} images per post`));
  return errors;
}

function hashOf(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

const DID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A did:plc-shaped id (24 base32 characters) that stays the same for one sandbox account. */
function sandboxDid(username: string): string {
  const bytes = hashOf(`did:${username}`);
  let out = '';
  for (let i = 0; i < 24; i += 1) out += DID_ALPHABET[(bytes[i] ?? 0) & 31];
  return `did:plc:${out}`;
}

function sandboxPost(seed: SandboxSeed): { id: string; postUrl: string } {
  const rkey = rkeyFor(seed.key);
  return {
    id: `at://${sandboxDid(seed.username)}/app.bsky.feed.post/${rkey}`,
    postUrl: `https://bsky.app/profile/${seed.username}/post/${rkey}`,
  };
}

export const blueskyDeclaration: Declaration = {
  id: 'bluesky',
  name: NAME,
  optionsField: 'blueSkyOptions',
  optionsAliases: ['blueskyOptions'],
  optionsSchema,
  text: { limit: TEXT_LIMIT, unit: 'graphemes', maxBytes: TEXT_MAX_BYTES },
  media: { maxImages: MAX_IMAGES, maxVideos: 0, mix: false },
  capabilities: { delete: true, reconcile: true },
  credentials: [
    {
      name: 'service',
      description:
        'URL of the account’s PDS (e.g. https://bsky.social). Defaults to HERALD_BLUESKY_API_URL for accounts on that server.',
      secret: false,
      required: false,
      url: true,
    },
    {
      name: 'identifier',
      description: 'The account’s handle (alice.bsky.social) or email address.',
      secret: false,
      required: true,
    },
    {
      name: 'appPassword',
      description:
        'An app password (Settings → Privacy and security → App passwords), never the account password.',
      secret: true,
      required: true,
    },
  ],
  validate,
  sandboxPost,
  // A comment is a reply post: 300 graphemes.
  comments: { text: { limit: TEXT_LIMIT, unit: 'graphemes' }, maxImages: 0 },
};
