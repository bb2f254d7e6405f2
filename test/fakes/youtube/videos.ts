import { type FakeAnswer, googleError } from './errors.ts';
import type { FakeVideo } from './uploads.ts';

/**
 * videos.update as YouTube documents it (videos.list, which analytics reads too, is in
 * reads.ts): `part` is required; update needs the youtube or youtube.force-ssl scope and REPLACES every writable
 * property of each part it names: a property the body leaves out is erased (the trap a
 * client must handle by reading first), snippet.title and snippet.categoryId are
 * required whenever the snippet is sent.
 */

const SNIPPET_WRITABLE = [
  'title',
  'description',
  'tags',
  'categoryId',
  'defaultLanguage',
  'defaultAudioLanguage',
];
const STATUS_WRITABLE = [
  'privacyStatus',
  'embeddable',
  'license',
  'publicStatsViewable',
  'publishAt',
  'selfDeclaredMadeForKids',
  'containsSyntheticMedia',
];

function partsOf(query: URLSearchParams): string[] | undefined {
  const part = query.get('part');
  return part ? part.split(',').map((p) => p.trim()) : undefined;
}

const missingPart = () => googleError(400, 'global', 'required', 'Required parameter: part');

function resource(video: FakeVideo, parts: readonly string[]): Record<string, unknown> {
  return {
    kind: 'youtube#video',
    etag: `etag-${video.id}`,
    id: video.id,
    ...(parts.includes('snippet') ? { snippet: video.snippet } : {}),
    ...(parts.includes('status') ? { status: video.status } : {}),
  };
}

function replaced(current: Record<string, unknown>, sent: unknown, writable: readonly string[]) {
  const next: Record<string, unknown> = { ...current };
  const given = (typeof sent === 'object' && sent !== null ? sent : {}) as Record<string, unknown>;
  for (const key of writable) {
    if (given[key] === undefined) delete next[key];
    else next[key] = given[key];
  }
  return next;
}

export function updateVideo(
  videos: Map<string, FakeVideo>,
  query: URLSearchParams,
  body: Buffer,
  scopes: ReadonlySet<string>,
): FakeAnswer {
  if (!scopes.has('youtube') && !scopes.has('youtube.force-ssl')) {
    return googleError(
      403,
      'global',
      'insufficientPermissions',
      'Request had insufficient authentication scopes.',
      {
        grpcStatus: 'PERMISSION_DENIED',
      },
    );
  }
  const parts = partsOf(query);
  if (!parts) return missingPart();
  const sent = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  const video = videos.get(String(sent.id ?? ''));
  if (!video) {
    return googleError(
      404,
      'youtube.video',
      'videoNotFound',
      'The video that you are trying to update cannot be found. Check the value of the id field in the request body to ensure that it is correct.',
    );
  }
  if (parts.includes('snippet')) {
    const snippet = (sent.snippet ?? {}) as Record<string, unknown>;
    if (typeof snippet.title !== 'string' || snippet.title === '') {
      return googleError(
        400,
        'youtube.video',
        'invalidTitle',
        'The request metadata specifies an invalid or empty video title.',
      );
    }
    if (typeof snippet.categoryId !== 'string' || !/^\d+$/.test(snippet.categoryId)) {
      return googleError(
        400,
        'youtube.video',
        'invalidCategoryId',
        'The snippet.categoryId property specifies an invalid category ID. Use the videoCategories.list method to retrieve supported categories.',
      );
    }
    video.snippet = replaced(video.snippet, snippet, SNIPPET_WRITABLE) as FakeVideo['snippet'];
  }
  if (parts.includes('status')) {
    video.status = replaced(video.status, sent.status, STATUS_WRITABLE) as FakeVideo['status'];
  }
  return { status: 200, body: resource(video, parts) };
}
