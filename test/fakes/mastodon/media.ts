import type { FakeRequest, Reply } from '../http.ts';
import { formOf } from '../http.ts';
import { mediaEntity } from './entities.ts';
import type { FakeAccount, MastodonState } from './state.ts';
import { mastodonError } from './statuses.ts';

/**
 * POST /api/v2/media answers 200 with a processed attachment, or 202 with `url: null`
 * while it processes; GET /api/v1/media/:id then answers 206 until it is ready (200).
 * Only the uploader's unattached media can be read.
 */

export async function uploadMedia(
  state: MastodonState,
  account: FakeAccount,
  request: FakeRequest,
): Promise<Reply> {
  const form = await formOf(request).catch(() => undefined);
  const file = form?.get('file');
  if (!file || typeof file === 'string') return mastodonError(422, "Validation failed: File can't be blank");
  const type = file.type.startsWith('video/')
    ? 'video'
    : file.type.startsWith('image/')
      ? 'image'
      : undefined;
  if (!type) return mastodonError(422, 'Validation failed: File content type is invalid');
  const description = form?.get('description');
  const media = {
    id: state.nextId(),
    accountId: account.id,
    type,
    mimeType: file.type,
    size: file.size,
    description: typeof description === 'string' ? description : null,
    pendingPolls: state.processingPolls[type],
  } as const;
  state.media.set(media.id, { ...media });
  return { status: media.pendingPolls > 0 ? 202 : 200, body: mediaEntity(state, media) };
}

export function showMedia(state: MastodonState, account: FakeAccount, id: string): Reply {
  const media = state.media.get(id);
  if (!media || media.accountId !== account.id || media.statusId !== undefined) {
    return mastodonError(404, 'Record not found');
  }
  if (media.pendingPolls > 0) {
    const processing = mediaEntity(state, media);
    media.pendingPolls -= 1;
    return { status: 206, body: processing };
  }
  return { status: 200, body: mediaEntity(state, media) };
}
