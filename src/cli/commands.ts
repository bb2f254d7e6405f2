import type { HeraldClient } from '@herald/sdk';
import { EXIT, say, UsageError } from './api-client.ts';
import { exitCodeOf, followPost, outcomeLine } from './outcomes.ts';

type Flags = Record<string, string | true>;
const out = (flags: Flags, value: unknown, lines: () => string[]) => {
  if (flags.json) say(JSON.stringify(value));
  else for (const line of lines()) say(line);
};
const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** herald history [--limit N] [--status error] */
export async function historyCommand(herald: HeraldClient, flags: Flags): Promise<number> {
  const limit = typeof flags.limit === 'string' ? flags.limit : '20';
  const status = typeof flags.status === 'string' ? flags.status : undefined;
  const answer = await herald.history({ limit, ...(status ? { status: status as never } : {}) });
  out(flags, answer, () =>
    answer.history.map(
      (p) => `${p.id}  ${p.status.padEnd(17)}  ${p.created}  ${p.platforms.join(',')}  ${clip(p.post, 40)}`,
    ),
  );
  return EXIT.success;
}

/** herald get <id>: the post, each network's outcome; exit code as for post. */
export async function getCommand(
  herald: HeraldClient,
  id: string | undefined,
  flags: Flags,
): Promise<number> {
  if (!id) throw new UsageError('herald get <post id>');
  const view = await herald.getPost(id);
  out(flags, view, () => [
    `${view.id}  ${view.status}  ${view.scheduleDate ?? view.created}`,
    clip(view.post, 200),
    ...view.platforms.map((p) => outcomeLine(view, p)),
  ]);
  return exitCodeOf(view);
}

/** herald retry <id>: sends the failed networks again and waits for their outcomes. */
export async function retryCommand(
  herald: HeraldClient,
  id: string | undefined,
  flags: Flags,
): Promise<number> {
  if (!id) throw new UsageError('herald retry <post id>');
  // Answered once the networks are queued: their outcomes are printed below as each settles.
  await herald.retry(id, { headers: { Prefer: 'respond-async' } }).catch((err: unknown) => {
    // A retry whose networks fail again answers their errors: the post view below says them.
    if ((err as { body?: { id?: unknown } }).body?.id !== id) throw err;
  });
  const view = await followPost(() => herald.getPost(id), flags.json ? undefined : new Set<string>());
  if (flags.json) say(JSON.stringify(view));
  return exitCodeOf(view);
}

/** herald accounts: the networks linked to the profile. */
export async function accountsCommand(herald: HeraldClient, flags: Flags): Promise<number> {
  const answer = await herald.accounts();
  const accounts = answer.accounts ?? [];
  out(flags, answer, () =>
    accounts.length === 0
      ? ['no account linked (herald connect <profile key> prints the page to link one)']
      : accounts.map(
          (a) =>
            `${a.platform.padEnd(10)} ${a.displayName} (@${a.username})${a.sandbox ? '  [sandbox]' : ''}`,
        ),
  );
  return EXIT.success;
}

/** herald connect <profile key>: a user profile's hosted linking page URL (generateJWT), for the end user's browser. */
export async function connectCommand(
  herald: HeraldClient,
  profileKey: string | undefined,
  flags: Flags,
): Promise<number> {
  const answer = await herald.generateJWT({}, profileKey ? { profileKey } : {});
  out(flags, answer, () => [answer.url]);
  return EXIT.success;
}

/** herald webhooks: the webhooks registered for the profile. */
export async function webhooksCommand(herald: HeraldClient, flags: Flags): Promise<number> {
  const answer = await herald.webhooks();
  // `{status, <action>: url, ..., updated}`: Ayrshare's shape, one URL per action.
  const list = Object.entries(answer).filter(([key]) => key !== 'status' && key !== 'updated');
  out(flags, answer, () =>
    list.length === 0
      ? ['no webhook registered']
      : list.map(([action, url]) => `${action.padEnd(14)} ${url}`),
  );
  return EXIT.success;
}

/** herald errors <code>: what a catalog code means and what to do (all codes without one). */
export async function errorsCommand(
  herald: HeraldClient,
  code: string | undefined,
  flags: Flags,
): Promise<number> {
  const { errors } = await herald.errors();
  const chosen = code === undefined ? errors : errors.filter((e) => String(e.code) === code);
  if (chosen.length === 0) {
    say(`no catalog code ${code}`);
    return EXIT.failure;
  }
  out(flags, code === undefined ? { errors } : chosen[0], () =>
    chosen.flatMap((e) =>
      code === undefined
        ? [`${e.code}  ${e.httpStatus}  ${e.title}`]
        : [
            `${e.code} (HTTP ${e.httpStatus}) ${e.title}`,
            e.message,
            `remedy: ${e.remedy}`,
            `retry may work: ${e.retryAvailable ? 'yes' : 'no'}; relink needed: ${e.relink ? 'yes' : 'no'}`,
            `networks: ${e.platforms.length ? e.platforms.join(', ') : 'any'}; docs: ${e.docs}`,
          ],
    ),
  );
  return EXIT.success;
}
