import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { HeraldApiError, type HeraldClient, type PostRequest } from '@herald/sdk';
import { canonicalTimeZone, instantOf } from '../posts/zoned-time.ts';
import { EXIT, note, say, UsageError } from './api-client.ts';
import { exitCodeOf, followPost, isSettled } from './outcomes.ts';

/** "2026-12-05 09:00" (or an ISO instant) in a time zone → the UTC instant the API takes. */
export function scheduleDateOf(at: string, tz: string | undefined): string {
  const wall = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(at.trim());
  if (!wall) {
    const instant = Date.parse(at);
    if (Number.isNaN(instant))
      throw new UsageError(`--at: "${at}" is not "YYYY-MM-DD HH:MM" nor an ISO date`);
    return new Date(instant).toISOString();
  }
  const zone = canonicalTimeZone(tz ?? 'UTC');
  if (!zone)
    throw new UsageError(`--tz: "${tz}" is not an IANA time zone (Europe/Paris, America/New_York...)`);
  const [year, month, day, hour, minute] = wall.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(instantOf({ year, month, day, hour, minute }, zone)).toISOString();
}

/** A local file goes up through a signed URL (bytes shown as they leave); a URL is used as given. */
async function mediaUrlOf(herald: HeraldClient, given: string): Promise<string> {
  if (/^https?:\/\//.test(given)) return given;
  const { size } = await stat(given).catch(() => {
    throw new UsageError(`--media: no file at ${given}`);
  });
  const blob = await openAsBlob(given);
  let shown = -1;
  const { url } = await herald.upload(
    { name: basename(given), size, stream: () => blob.stream() },
    (sent, total) => {
      const percent = total ? Math.floor((sent / total) * 100) : 100;
      if (percent === shown) return;
      shown = percent;
      note(`uploading ${basename(given)}: ${sent}/${total} bytes (${percent}%)`);
    },
  );
  note(`uploaded ${basename(given)} → ${url}`);
  return url;
}

/** herald post "text" -p bluesky,linkedin [--media ./a.jpg,...] [--at "2026-12-05 09:00" --tz Europe/Paris] [--json] */
export async function postCommand(
  herald: HeraldClient,
  text: string | undefined,
  flags: Record<string, string | true>,
): Promise<number> {
  const platforms = typeof flags.platforms === 'string' ? flags.platforms.split(',').filter(Boolean) : [];
  if (!text || platforms.length === 0) throw new UsageError('herald post "text" -p bluesky,linkedin');
  const media = typeof flags.media === 'string' ? flags.media.split(',').filter(Boolean) : [];
  const mediaUrls: string[] = [];
  for (const given of media) mediaUrls.push(await mediaUrlOf(herald, given));
  const body: PostRequest = {
    post: text,
    platforms: platforms as PostRequest['platforms'],
    ...(mediaUrls.length ? { mediaUrls } : {}),
    ...(typeof flags.at === 'string'
      ? { scheduleDate: scheduleDateOf(flags.at, typeof flags.tz === 'string' ? flags.tz : undefined) }
      : {}),
  };
  let id: string | undefined;
  try {
    // Answered as soon as the post is stored (not when every network has answered): the
    // polling below then prints each network's outcome as it settles, in that order.
    id = (await herald.post(body, { headers: { Prefer: 'respond-async' } })).id;
  } catch (err) {
    // A post that failed somewhere still has an id: its envelope says what happened per network.
    if (!(err instanceof HeraldApiError) || typeof (err.body as { id?: unknown })?.id !== 'string') throw err;
    id = (err.body as { id: string }).id;
  }
  if (!id) return EXIT.failure;
  if (!flags.json) note(`post ${id}`);
  const view = await followPost(() => herald.getPost(id), flags.json ? undefined : new Set<string>());
  if (flags.json) say(JSON.stringify(view));
  else if (!isSettled(view)) say(`scheduled for ${view.scheduleDate ?? '?'} (${view.status})`);
  return exitCodeOf(view);
}
