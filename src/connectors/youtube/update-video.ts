import type { ConnectorContext, MetadataInput, MetadataOutcome } from '../types.ts';
import type { VideoParts } from './client.ts';
import { titleOf } from './declaration.ts';
import { classifyFailure, PLATFORM_NAME } from './errors.ts';
import { clientFor } from './publish.ts';

/** Writable properties of the two parts Herald sends: everything else YouTube keeps or derives. */
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

function pick(part: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => part[key] !== undefined).map((key) => [key, part[key]]));
}

/** The whole snippet and status YouTube must receive: what it holds, with the changes over it. */
export function mergedVideo(current: VideoParts, input: MetadataInput): VideoParts {
  const { changes } = input;
  const snippet = pick(current.snippet, SNIPPET_WRITABLE);
  const status = pick(current.status, STATUS_WRITABLE);
  // A Short keeps its #Shorts tag in a new title, as at upload.
  if (typeof changes.title === 'string')
    snippet.title = titleOf({ title: changes.title, shorts: input.options.shorts });
  if (typeof changes.description === 'string') snippet.description = changes.description;
  if (Array.isArray(changes.tags)) snippet.tags = changes.tags.map(String);
  if (typeof changes.categoryId === 'number') snippet.categoryId = String(changes.categoryId);
  if (typeof changes.visibility === 'string') status.privacyStatus = changes.visibility;
  if (typeof changes.madeForKids === 'boolean') status.selfDeclaredMadeForKids = changes.madeForKids;
  return { id: current.id, snippet, status };
}

/** What the video carries now, in youTubeOptions' names. */
function metadataOf(video: VideoParts): Record<string, unknown> {
  const { snippet, status } = video;
  return {
    title: snippet.title,
    description: snippet.description,
    ...(Array.isArray(snippet.tags) ? { tags: snippet.tags } : {}),
    ...(typeof snippet.categoryId === 'string' ? { categoryId: Number(snippet.categoryId) } : {}),
    visibility: status.privacyStatus,
    ...(typeof status.selfDeclaredMadeForKids === 'boolean'
      ? { madeForKids: status.selfDeclaredMadeForKids }
      : {}),
  };
}

/**
 * YouTube's videos.update erases every writable property of a part it is not sent, so
 * the video is read first (videos.list) and sent back whole with the changes over it:
 * changing the privacy never wipes the description. Needs the youtube or
 * youtube.force-ssl scope (youtube.upload alone answers 403 insufficientPermissions).
 */
export async function updateVideo(input: MetadataInput, ctx: ConnectorContext): Promise<MetadataOutcome> {
  const client = clientFor(input.account.credentials, ctx);
  if (!client) {
    const details = 'the stored credentials have no accessToken';
    return {
      kind: 'failed',
      error: { code: 623, platform: 'youtube', params: { platformName: PLATFORM_NAME }, details },
    };
  }
  const found = await client.getVideo(input.id);
  if (!found.ok) return { kind: 'failed', error: classifyFailure(found.failure).spec };
  if (!found.value) {
    return {
      kind: 'failed',
      error: {
        code: 176,
        platform: 'youtube',
        details: `videoNotFound: YouTube lists no video ${input.id} for this channel (deleted on YouTube?)`,
      },
    };
  }
  const updated = await client.updateVideo(mergedVideo(found.value, input));
  if (!updated.ok) return { kind: 'failed', error: classifyFailure(updated.failure).spec };
  return { kind: 'updated', metadata: metadataOf(updated.value) };
}
