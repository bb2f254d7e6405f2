import { stringField } from '../shared/graph-client.ts';
import { retryLater } from '../shared/graph-errors.ts';
import type { ConnectorContext, MediaItem, PublishInput, PublishOutcome } from '../types.ts';
import { facebookDeclaration } from './declaration.ts';
import { PLATFORM_NAME } from './errors.ts';
import { failedCall, type Page, postUrlOf, saveProgress, startPage } from './page.ts';
import { publishReel, publishStory } from './reels-stories.ts';

/**
 * Facebook Page publishing: text and links to /feed, one photo to /photos, several
 * photos uploaded unpublished then attached to one /feed post, a video to /videos,
 * reels and stories in reels-stories.ts. Only the last call of each makes the post visible.
 */

function option(input: PublishInput, name: string): unknown {
  return input.options[name];
}

function altText(input: PublishInput, item: MediaItem, index: number): string | undefined {
  const given = option(input, 'altText');
  const text = Array.isArray(given) ? given[index] : undefined;
  return typeof text === 'string' ? text : item.altText;
}

function message(input: PublishInput): string | undefined {
  return input.text === '' ? undefined : input.text;
}

function missingId(call: string): PublishOutcome {
  return { kind: 'unknown', reason: `${call} answered without an id` };
}

async function publishFeed(page: Page, extra: Record<string, string> = {}): Promise<PublishOutcome> {
  const link = option(page.input, 'link');
  const answer = await page.client.post([page.pageId, 'feed'], {
    message: message(page.input),
    link: typeof link === 'string' && link !== '' ? link : undefined,
    ...extra,
  });
  if (!answer.ok) return failedCall(answer.failure, true);
  const id = stringField(answer.value, 'id');
  return id ? { kind: 'published', id, postUrl: postUrlOf(id, 'post', page.pageId) } : missingId('feed');
}

async function publishPhoto(page: Page, item: MediaItem): Promise<PublishOutcome> {
  const answer = await page.client.post([page.pageId, 'photos'], {
    url: item.url,
    message: message(page.input),
    alt_text_custom: altText(page.input, item, 0),
  });
  if (!answer.ok) return failedCall(answer.failure, true);
  // /photos answers the photo id and, when it made a feed story, the post id: the post is what was published.
  const id = stringField(answer.value, 'post_id') ?? stringField(answer.value, 'id');
  return id ? { kind: 'published', id, postUrl: postUrlOf(id, 'post', page.pageId) } : missingId('photos');
}

/** Uploads the photos unpublished (invisible, reused by a retry), then one feed post attaches them. */
async function publishPhotos(page: Page): Promise<PublishOutcome> {
  const photoIds = [...(page.progress.photoIds ?? [])];
  for (const [index, item] of page.input.media.entries()) {
    if (index < photoIds.length) continue;
    const answer = await page.client.post([page.pageId, 'photos'], {
      url: item.url,
      published: false,
      alt_text_custom: altText(page.input, item, index),
    });
    if (!answer.ok) return failedCall(answer.failure, false);
    const id = stringField(answer.value, 'id');
    // An unpublished photo is invisible: trying again later is safe.
    if (!id) return retryLater('facebook', PLATFORM_NAME, 'photo upload answered without an id');
    photoIds.push(id);
    await saveProgress(page, { ...page.progress, photoIds: [...photoIds] });
  }
  const attached = Object.fromEntries(
    photoIds.map((id, index) => [`attached_media[${index}]`, JSON.stringify({ media_fbid: id })]),
  );
  return publishFeed(page, attached);
}

async function publishVideo(page: Page, item: MediaItem): Promise<PublishOutcome> {
  const title = option(page.input, 'title');
  const answer = await page.client.post([page.pageId, 'videos'], {
    file_url: item.url,
    description: message(page.input),
    title: typeof title === 'string' ? title : undefined,
  });
  if (!answer.ok) return failedCall(answer.failure, true);
  const id = stringField(answer.value, 'id');
  return id ? { kind: 'published', id, postUrl: postUrlOf(id, 'video', page.pageId) } : missingId('videos');
}

export async function publishFacebook(input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> {
  const page = startPage(input, ctx);
  if (typeof page === 'string') {
    return { kind: 'failed', error: { code: 161, platform: 'facebook', details: page } };
  }
  const [problem] = facebookDeclaration.validate?.(input) ?? [];
  if (problem) return { kind: 'failed', error: problem };
  const [first] = input.media;
  if (input.options.stories === true && first) return publishStory(page, first);
  if (first?.kind === 'video')
    return input.options.reels === true ? publishReel(page, first) : publishVideo(page, first);
  if (input.media.length > 1) return publishPhotos(page);
  if (first) return publishPhoto(page, first);
  return publishFeed(page);
}
