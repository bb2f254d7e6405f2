import { stringField } from '../shared/graph-client.ts';
import { retryLater } from '../shared/graph-errors.ts';
import type { MediaItem, PublishOutcome } from '../types.ts';
import { PLATFORM_NAME } from './errors.ts';
import { failedCall, type Page, postUrlOf, saveProgress } from './page.ts';

/**
 * Reels and video stories use Meta's three-phase upload: `start` gives a video id and an
 * upload URL, Meta fetches the file from `file_url` there, and `finish` publishes. The
 * first two are invisible and kept in progress; only `finish` (or photo_stories) publishes.
 */

type Edge = 'video_reels' | 'video_stories';

/** The start and upload steps publish nothing: trying again later is safe. */
function notSent(details: string): PublishOutcome {
  return retryLater('facebook', PLATFORM_NAME, details);
}

/** Start and upload (each once per target); undefined when the video is ready to be finished. */
async function upload(page: Page, edge: Edge, item: MediaItem): Promise<PublishOutcome | undefined> {
  let { videoId, uploadUrl } = page.progress;
  if (!videoId || !uploadUrl) {
    const started = await page.client.post([page.pageId, edge], { upload_phase: 'start' });
    if (!started.ok) return failedCall(started.failure, false);
    videoId = stringField(started.value, 'video_id');
    uploadUrl = stringField(started.value, 'upload_url');
    if (!videoId || !uploadUrl) return notSent(`${edge} start answered without video_id and upload_url`);
    await saveProgress(page, { ...page.progress, videoId, uploadUrl });
  }
  if (page.progress.uploaded) return undefined;
  // Meta fetches the file itself: the upload carries only its URL.
  const sent = await page.client.postAbsolute(uploadUrl, { file_url: item.url });
  if (!sent.ok) return failedCall(sent.failure, false);
  await saveProgress(page, { ...page.progress, uploaded: true });
  return undefined;
}

export async function publishReel(page: Page, item: MediaItem): Promise<PublishOutcome> {
  const problem = await upload(page, 'video_reels', item);
  if (problem) return problem;
  const videoId = page.progress.videoId as string;
  const title = page.input.options.title;
  const finished = await page.client.post([page.pageId, 'video_reels'], {
    upload_phase: 'finish',
    video_id: videoId,
    video_state: 'PUBLISHED',
    description: page.input.text === '' ? undefined : page.input.text,
    title: typeof title === 'string' ? title : undefined,
  });
  if (!finished.ok) return failedCall(finished.failure, true);
  return { kind: 'published', id: videoId, postUrl: postUrlOf(videoId, 'reel', page.pageId) };
}

async function photoStory(page: Page, item: MediaItem): Promise<PublishOutcome> {
  let photoId = page.progress.photoIds?.[0];
  if (!photoId) {
    const uploaded = await page.client.post([page.pageId, 'photos'], { url: item.url, published: false });
    if (!uploaded.ok) return failedCall(uploaded.failure, false);
    photoId = stringField(uploaded.value, 'id');
    if (!photoId) return notSent('photo upload answered without an id');
    await saveProgress(page, { ...page.progress, photoIds: [photoId] });
  }
  const story = await page.client.post([page.pageId, 'photo_stories'], { photo_id: photoId });
  if (!story.ok) return failedCall(story.failure, true);
  const id = stringField(story.value, 'post_id') ?? photoId;
  return { kind: 'published', id, postUrl: postUrlOf(id, 'post', page.pageId) };
}

async function videoStory(page: Page, item: MediaItem): Promise<PublishOutcome> {
  const problem = await upload(page, 'video_stories', item);
  if (problem) return problem;
  const videoId = page.progress.videoId as string;
  const finished = await page.client.post([page.pageId, 'video_stories'], {
    upload_phase: 'finish',
    video_id: videoId,
  });
  if (!finished.ok) return failedCall(finished.failure, true);
  const id = stringField(finished.value, 'post_id') ?? videoId;
  return { kind: 'published', id, postUrl: postUrlOf(id, 'post', page.pageId) };
}

/** A Page story: the post text is not shown on stories (Meta ignores it). */
export function publishStory(page: Page, item: MediaItem): Promise<PublishOutcome> {
  return item.kind === 'image' ? photoStory(page, item) : videoStory(page, item);
}
