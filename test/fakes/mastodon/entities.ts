import type { FakeAccount, FakeMedia, FakeStatus, MastodonState } from './state.ts';

/** Entities rendered as Mastodon's REST API answers them (docs.joinmastodon.org/entities). */

export function accountEntity(state: MastodonState, account: FakeAccount): Record<string, unknown> {
  return {
    id: account.id,
    username: account.username,
    acct: account.username,
    display_name: account.displayName,
    locked: false,
    bot: false,
    created_at: '2024-01-01T00:00:00.000Z',
    note: '',
    url: `https://${state.domain}/@${account.username}`,
    avatar: `https://${state.domain}/avatars/original/missing.png`,
    followers_count: 0,
    following_count: 0,
    statuses_count: state.statuses.filter((s) => s.accountId === account.id && !s.deleted).length,
  };
}

export function mediaEntity(state: MastodonState, media: FakeMedia): Record<string, unknown> {
  const ready = media.pendingPolls <= 0;
  const file = `https://${state.domain}/system/media_attachments/files/${media.id}/original`;
  return {
    id: media.id,
    type: media.type,
    url: ready ? file : null,
    preview_url: ready ? file.replace('/original', '/small') : null,
    remote_url: null,
    meta: {},
    description: media.description,
    blurhash: null,
  };
}

export function statusEntity(
  state: MastodonState,
  status: FakeStatus,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const account = state.accounts.find((a) => a.id === status.accountId) as FakeAccount;
  const escaped = status.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    id: status.id,
    created_at: new Date(status.createdAt).toISOString(),
    in_reply_to_id: status.inReplyToId ?? null,
    in_reply_to_account_id: status.inReplyToId
      ? (state.statuses.find((s) => s.id === status.inReplyToId)?.accountId ?? null)
      : null,
    favourites_count: 0,
    sensitive: status.sensitive,
    spoiler_text: status.spoilerText,
    visibility: status.visibility,
    language: 'en',
    uri: `https://${state.domain}/users/${account.username}/statuses/${status.id}`,
    url: `https://${state.domain}/@${account.username}/${status.id}`,
    content: `<p>${escaped}</p>`,
    media_attachments: status.mediaIds.map((id) => mediaEntity(state, state.media.get(id) as FakeMedia)),
    account: accountEntity(state, account),
    ...extra,
  };
}
