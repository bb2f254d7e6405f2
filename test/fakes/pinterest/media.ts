import { randomBytes } from 'node:crypto';
import { type FakeRequest, formOf, jsonOf, type Reply } from '../http.ts';
import { INVALID } from './errors.ts';
import type { FakeUser, PinterestState } from './state.ts';

/**
 * Video media (platform-apis.md §12): `POST /v5/media` registers an upload and names a
 * storage URL with form fields; the file goes there as a multipart POST (S3's POST
 * policy: the fields first, the file last, 204 on success; an XML error otherwise);
 * `GET /v5/media/{id}` answers registered → processing → succeeded | failed.
 */

export const UPLOAD_PATH = '/pinterest-media-uploads/';

function s3Error(status: number, code: string, message: string): Reply {
  return {
    status,
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    headers: { 'content-type': 'application/xml' },
  };
}

export function registerMedia(state: PinterestState, request: FakeRequest, user: FakeUser): Reply {
  if (jsonOf(request).media_type !== 'video') return INVALID();
  const id = state.nextId();
  const parameters = {
    key: `uploads/${id}/video`,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': 'AKIAFAKE/20260101/us-east-1/s3/aws4_request',
    'x-amz-date': '20260101T000000Z',
    policy: randomBytes(24).toString('base64'),
    'x-amz-signature': randomBytes(32).toString('hex'),
  };
  const outcome = state.failNextVideo ? 'failed' : 'succeeded';
  state.failNextVideo = false;
  state.media.set(id, {
    id,
    owner: user.id,
    parameters,
    status: 'registered',
    pollsLeft: state.processingPolls,
    outcome,
  });
  return {
    status: 201,
    body: {
      media_id: id,
      media_type: 'video',
      upload_url: `${state.origin}${UPLOAD_PATH}`,
      upload_parameters: parameters,
    },
  };
}

export async function storeUpload(state: PinterestState, request: FakeRequest): Promise<Reply> {
  let form: FormData;
  try {
    form = await formOf(request);
  } catch {
    return s3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed.');
  }
  const key = form.get('key');
  const media = [...state.media.values()].find((m) => m.parameters.key === key);
  if (!media) return s3Error(403, 'AccessDenied', 'Invalid according to Policy');
  for (const [name, value] of Object.entries(media.parameters)) {
    if (form.get(name) !== value) return s3Error(403, 'AccessDenied', `Policy condition failed: ${name}`);
  }
  const names = [...form.keys()];
  const file = form.get('file');
  if (!(file instanceof Blob) || names.at(-1) !== 'file')
    return s3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
  media.uploaded = {
    bytes: file.size,
    type: file.type,
    bearer: request.headers.authorization !== undefined,
  };
  media.status = 'processing';
  return { status: 204 };
}

export function mediaStatus(state: PinterestState, id: string, user: FakeUser): Reply {
  const media = state.media.get(id);
  // [?] The reference gives no body for an unknown media id: a stand-in in the documented shape.
  if (!media || media.owner !== user.id)
    return { status: 404, body: { code: 404, message: 'Media not found.' } };
  if (media.status === 'processing') {
    if (media.pollsLeft > 0) media.pollsLeft -= 1;
    else media.status = media.outcome;
  }
  return { status: 200, body: { media_id: media.id, media_type: 'video', status: media.status } };
}
