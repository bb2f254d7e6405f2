import { Type } from 'typebox';
import { Instant, PlatformId, Success } from './common.ts';

const REF_ID = 'b1f7d3c0a9e84f5c8d2e';

/** A linked account as every answer shows it: never its credentials. */
export const PublicAccount = Type.Object({
  platform: PlatformId,
  sandbox: Type.Boolean({ description: 'A simulated account (test mode).' }),
  id: Type.String({ description: 'The account’s id on the network.' }),
  username: Type.String(),
  displayName: Type.String(),
  profileUrl: Type.String(),
  created: Instant('When it was linked.'),
});

const account = {
  platform: 'bluesky',
  sandbox: true,
  id: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz',
  username: 'herald.bsky.social',
  displayName: 'Herald',
  profileUrl: 'https://bsky.app/profile/herald.bsky.social',
  created: '2026-07-08T12:00:00.000Z',
};

/** POST /api/accounts. */
export const LinkAnswer = Type.Object(
  { status: Success, platform: PlatformId, refId: Type.String(), account: PublicAccount },
  { examples: [{ status: 'success', platform: 'bluesky', refId: REF_ID, account }] },
);

/** GET /api/accounts. */
export const AccountsAnswer = Type.Object(
  { accounts: Type.Array(PublicAccount) },
  { examples: [{ accounts: [account] }] },
);

/** DELETE /api/profiles/social. */
export const UnlinkAnswer = Type.Object(
  { status: Success, platform: PlatformId, refId: Type.String() },
  { examples: [{ status: 'success', platform: 'bluesky', refId: REF_ID }] },
);

/** GET /api/user: the profile and its networks, with each account's health. */
export const UserAnswer = Type.Object(
  {
    activeSocialAccounts: Type.Array(PlatformId),
    displayNames: Type.Array(
      Type.Object({
        platform: PlatformId,
        displayName: Type.String(),
        username: Type.String(),
        id: Type.String(),
        profileUrl: Type.String(),
        userImage: Type.Optional(Type.String()),
        created: Instant(),
        refreshDaysRemaining: Type.Optional(Type.Integer()),
        status: Type.Union([Type.Literal('ok'), Type.Literal('expiring'), Type.Literal('needs-relink')], {
          description: 'Herald’s account health: needs-relink means posts to it are refused until relinked.',
        }),
        reason: Type.Optional(Type.String()),
        sandbox: Type.Optional(Type.Literal(true)),
      }),
    ),
    created: Instant(),
    refId: Type.String(),
    title: Type.String(),
  },
  {
    examples: [
      {
        activeSocialAccounts: ['bluesky'],
        displayNames: [
          {
            platform: 'bluesky',
            displayName: 'Herald',
            username: 'herald.bsky.social',
            id: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz',
            profileUrl: 'https://bsky.app/profile/herald.bsky.social',
            created: '2026-07-08T12:00:00.000Z',
            status: 'ok',
            sandbox: true,
          },
        ],
        created: '2026-07-01T09:00:00.000Z',
        refId: REF_ID,
        title: 'Primary',
      },
    ],
  },
);

/** POST /api/profiles: the profileKey is shown this once. */
export const ProfileCreated = Type.Object(
  {
    status: Success,
    title: Type.String(),
    refId: Type.String(),
    profileKey: Type.String({ description: 'Shown once; Herald keeps only its hash.' }),
  },
  {
    examples: [
      {
        status: 'success',
        title: 'Acme Bakery',
        refId: '4c0e2f3a9b7d4e1f8a6c',
        profileKey: 'K7QF2XM-9HRT4WP-3NJC8VD-6YBL5AS',
      },
    ],
  },
);

/** GET /api/profiles. */
export const ProfilesAnswer = Type.Object(
  {
    profiles: Type.Array(
      Type.Object({
        title: Type.String(),
        refId: Type.String(),
        created: Instant(),
        activeSocialAccounts: Type.Array(PlatformId),
      }),
    ),
  },
  {
    examples: [
      {
        profiles: [
          {
            title: 'Acme Bakery',
            refId: '4c0e2f3a9b7d4e1f8a6c',
            created: '2026-07-02T10:00:00.000Z',
            activeSocialAccounts: ['instagram', 'facebook'],
          },
        ],
      },
    ],
  },
);

/** PATCH /api/profiles (PUT /api/profiles/profile). */
export const ProfileRenamed = Type.Object(
  { status: Success, refId: Type.String(), title: Type.String() },
  { examples: [{ status: 'success', refId: '4c0e2f3a9b7d4e1f8a6c', title: 'Acme Bakery Paris' }] },
);

/** DELETE /api/profiles. */
export const ProfileDeleted = Type.Object(
  { status: Success, refId: Type.String() },
  { examples: [{ status: 'success', refId: '4c0e2f3a9b7d4e1f8a6c' }] },
);

/** POST /api/profiles/generateJWT: the connect page's URL for the profile's end user. */
export const ConnectLinkAnswer = Type.Object(
  {
    status: Success,
    title: Type.String(),
    token: Type.String({ description: 'The signed token inside the URL (a JWT).' }),
    url: Type.String({ description: 'Open it in the end user’s browser (never in an iframe).' }),
    expiresIn: Type.Integer({ description: 'Minutes the URL works.' }),
  },
  {
    examples: [
      {
        status: 'success',
        title: 'Acme Bakery',
        token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0YzBlMmYzYSJ9.c2lnbmF0dXJl',
        url: 'http://127.0.0.1:3000/connect?jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0YzBlMmYzYSJ9.c2lnbmF0dXJl',
        expiresIn: 5,
      },
    ],
  },
);
