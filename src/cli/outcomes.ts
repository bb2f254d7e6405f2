import type { PostView } from '@herald/sdk';
import { EXIT, say } from './api-client.ts';

/** Target states that will not move without a new call (retry, delete). */
const SETTLED = new Set(['published', 'failed', 'cancelled', 'deleted', 'unconfirmed']);

export const isSettled = (view: PostView) => view.targets.every((t) => SETTLED.has(t.state));

/** One line per network: ✓ with its link, ✗ with the catalog code and message, … while it runs. */
export function outcomeLine(view: PostView, platform: string): string {
  const target = view.targets.find((t) => t.platform === platform);
  const published = view.postIds.find((p) => p.platform === platform);
  const error = view.errors.find((e) => e.platform === platform);
  if (target?.state === 'published')
    return `✓ ${platform}  ${published?.postUrl ?? published?.id ?? ''}`.trim();
  if (target?.state === 'failed' && error) return `✗ ${platform}  ${error.code} ${error.message}`;
  return `… ${platform}  ${target?.state ?? 'unknown'}`;
}

/** Prints the networks not printed yet whose outcome is known (and notes them as printed). */
export function printNew(view: PostView, printed: Set<string>): void {
  for (const target of view.targets) {
    if (printed.has(target.platform) || !SETTLED.has(target.state)) continue;
    printed.add(target.platform);
    say(outcomeLine(view, target.platform));
  }
}

/** success when every network published (or the post waits for its date), partial, or failure. */
export function exitCodeOf(view: PostView): number {
  if (view.status === 'scheduled' || view.status === 'paused' || view.status === 'awaiting approval')
    return EXIT.success;
  const states = view.targets.map((t) => t.state);
  const published = states.filter((s) => s === 'published').length;
  if (published === states.length) return EXIT.success;
  return published > 0 ? EXIT.partial : EXIT.failure;
}

/** Polls the post until every network settled, printing each outcome as it arrives. */
export async function followPost(
  get: () => Promise<PostView>,
  printed: Set<string> | undefined,
  intervalMs = 1000,
): Promise<PostView> {
  for (;;) {
    const view = await get();
    if (printed) printNew(view, printed);
    if (isSettled(view) || view.status === 'scheduled') return view;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
