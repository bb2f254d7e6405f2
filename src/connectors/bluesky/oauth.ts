import type { FormNetwork } from '../../linking/types.ts';

/**
 * Linking Bluesky: an app password typed on the page, checked exactly as POST
 * /api/accounts checks it (createSession on the PDS). atproto OAuth
 * (@atproto/oauth-client-node) needs Node 22, and Herald runs on Node 20 too.
 */
export const blueskyLinking: FormNetwork = {
  kind: 'form',
  platform: 'bluesky',
  fields: [
    { name: 'identifier', label: 'Handle or email', type: 'text', required: true, autocomplete: 'username' },
    {
      name: 'appPassword',
      label: 'App password',
      type: 'password',
      required: true,
      autocomplete: 'off',
      hint: 'Create one in Bluesky: Settings → Privacy and security → App passwords. Not your account password.',
    },
    {
      name: 'service',
      label: 'Your server (PDS)',
      type: 'url',
      required: false,
      hint: 'Only if your account is not on bsky.social.',
    },
  ],
  note: 'Bluesky is linked with an app password, which you can revoke at any time in Bluesky.',
};
