import { Type } from 'typebox';
import { UTM_FIELDS } from '../../links/link-target.ts';
import { Dictionary, examplesOf, Instant, OneOf, Success } from './common.ts';

const UTM = Object.fromEntries(
  Object.entries(UTM_FIELDS).map(([field, param]) => [
    field,
    Type.Optional(Type.String({ description: `${param} of the link’s target.` })),
  ]),
);

const Counts = (description: string) => Dictionary(Type.Integer(), description);

const LINK = {
  id: 'q7Xk2Pz',
  shortUrl: 'https://hrld.example/s/q7Xk2Pz',
  originalUrl: 'https://example.com/launch?utm_source=newsletter',
  created: '2026-07-08T12:00:00.000Z',
};

/** POST /api/links. */
export const LinkCreated = Type.Object(
  {
    status: Success,
    id: Type.String(),
    shortUrl: Type.String(),
    originalUrl: Type.String(),
    created: Instant(),
    ...UTM,
  },
  { examples: [{ status: 'success', ...LINK, utmSource: 'newsletter' }] },
);

/** One link's clicks (GET /api/links/:id's `analytics`, GET /api/links's items). */
export const LinkAnalytics = Type.Object(
  {
    id: Type.String(),
    shortUrl: Type.String(),
    originalUrl: Type.String(),
    created: Instant(),
    totalClicks: Type.Integer(),
    refererCounts: Counts('Clicks by referring host.'),
    browserCounts: Counts('Clicks by browser family.'),
    socialClicks: Counts('Clicks from each network’s hosts.'),
    status: Success,
    ...UTM,
  },
  {
    examples: [
      {
        ...LINK,
        totalClicks: 3,
        refererCounts: { 'l.facebook.com': 2, 't.co': 1 },
        browserCounts: { Chrome: 2, Safari: 1 },
        socialClicks: { facebook: 2, twitter: 1 },
        status: 'success',
      },
    ],
  },
);

const [ANALYTICS] = examplesOf(LinkAnalytics);

export const LinkAnalyticsAnswer = Type.Union(
  [
    Type.Object({ status: Success, analytics: LinkAnalytics }),
    Type.Object({ status: Success, links: Type.Array(LinkAnalytics) }),
  ],
  {
    description: 'One link (GET /api/links/:id), or every link (GET /api/links, and /api/links/undefined).',
    examples: [{ status: 'success', analytics: ANALYTICS }],
  },
);

export const LinksAnswer = Type.Object(
  { status: Success, links: Type.Array(LinkAnalytics, { description: 'Newest first.' }) },
  { examples: [{ status: 'success', links: [ANALYTICS] }] },
);

/** POST /api/shorten (Ayrshare's older shape). */
export const LegacyShortened = Type.Object(
  { status: Success, shortUrl: Type.String(), originalUrl: Type.String() },
  { examples: [{ status: 'success', shortUrl: LINK.shortUrl, originalUrl: LINK.originalUrl }] },
);

/** GET /api/analytics/links: Ayrshare's older array, clicks per device class as Firebase counted them. */
export const LegacyLinkAnalytics = Type.Array(
  Type.Object({
    linkEventStats: Type.Array(
      Type.Object({
        count: Type.String({ description: 'A number written as text, as Firebase did.' }),
        event: Type.Literal('CLICK'),
        platform: OneOf(['IOS', 'ANDROID', 'DESKTOP', 'OTHER']),
      }),
    ),
    link: Type.String(),
    shortLink: Type.String(),
    created: Type.Object({ _seconds: Type.Integer(), _nanoseconds: Type.Integer() }),
  }),
  {
    examples: [
      [
        {
          linkEventStats: [{ count: '3', event: 'CLICK', platform: 'DESKTOP' }],
          link: LINK.originalUrl,
          shortLink: LINK.shortUrl,
          created: { _seconds: 1783512000, _nanoseconds: 0 },
        },
      ],
    ],
  },
);
