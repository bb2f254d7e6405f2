import { Type } from 'typebox';
import { Nullable, OneOf, PlatformId, Success } from './common.ts';

const Robots = Type.Object(
  {
    url: Type.String(),
    status: Nullable(Type.Integer()),
    verdict: Type.Union([Type.Literal('allowed'), Type.Literal('disallowed')]),
    basis: OneOf(['rule', 'no-rule', 'no-group', 'unavailable', 'unreachable'], {
      description: 'What decided it, per RFC 9309.',
    }),
    group: Type.Optional(Type.Union([Type.Literal('specific'), Type.Literal('wildcard')])),
    rule: Type.Optional(
      Type.Object({
        directive: Type.Union([Type.Literal('Allow'), Type.Literal('Disallow')]),
        pattern: Type.String(),
        line: Type.Integer(),
        text: Type.String(),
      }),
    ),
    error: Type.Optional(Type.String()),
    wildcardGroups: Type.Array(Type.Integer()),
  },
  { additionalProperties: true },
);

const Fetch = Type.Object(
  {
    status: Nullable(Type.Integer()),
    contentType: Nullable(Type.String({ description: 'Sniffed from the bytes.' })),
    declaredType: Nullable(Type.String({ description: 'The Content-Type header.' })),
    bytes: Type.Integer(),
    redirects: Type.Integer(),
    html: Type.Boolean({ description: 'A web page came back (a WAF challenge, a login wall).' }),
    error: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

const Crawler = Type.Object(
  {
    crawler: Type.String(),
    userAgent: Type.String(),
    platforms: Type.Array(PlatformId),
    pullsByUrl: Type.Boolean({ description: 'The network fetches the media itself when it publishes.' }),
    robots: Robots,
    fetch: Fetch,
    presigned: Type.Optional(Type.Object({}, { additionalProperties: true })),
    verdict: Type.Union([Type.Literal('ok'), Type.Literal('blocked')]),
    finding: Type.Optional(Type.String()),
    cause: Type.Optional(Type.String()),
    fix: Type.Optional(Type.String()),
    warnings: Type.Array(Type.String()),
  },
  { additionalProperties: true },
);

/** POST /api/media/verify. */
export const MediaVerification = Type.Object(
  { status: Success, mediaUrl: Type.String(), crawlers: Type.Array(Crawler) },
  {
    examples: [
      {
        status: 'success',
        mediaUrl: 'https://cdn.example.com/a.jpg',
        crawlers: [
          {
            crawler: 'facebookexternalhit',
            userAgent: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
            platforms: ['facebook', 'instagram', 'threads'],
            pullsByUrl: true,
            robots: {
              url: 'https://cdn.example.com/robots.txt',
              status: 404,
              verdict: 'allowed',
              basis: 'unavailable',
              wildcardGroups: [],
            },
            fetch: {
              status: 206,
              contentType: 'image/jpeg',
              declaredType: 'image/jpeg',
              bytes: 524288,
              redirects: 0,
              html: false,
            },
            verdict: 'ok',
            warnings: [],
          },
        ],
      },
    ],
  },
);

/** POST /api/media/urlExists. */
export const UrlExists = Type.Object(
  { status: Success, mediaExists: Type.Boolean(), contentType: Type.Optional(Type.String()) },
  { examples: [{ status: 'success', mediaExists: true, contentType: 'image/jpeg' }] },
);

/** GET /media/:file: the bytes (whole, or the part a Range header asked: 206). */
export const MediaBytes = {
  description:
    'The file’s bytes, typed by its name (image/jpeg, video/mp4, ...); a Range header gets 206 and its part.',
  content: { 'application/octet-stream': { schema: Type.String({ format: 'binary' }) } },
};

/** GET /media/:file with a Range beyond the file: no body, Content-Range says its size. */
export const MediaRangeRefused = {
  description: 'The range asked lies outside the file.',
  type: 'null',
  headers: { 'content-range': Type.String({ examples: ['bytes */52341'] }) },
};
