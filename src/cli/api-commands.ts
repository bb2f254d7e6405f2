import type { Env } from '../config/env.ts';
import { clientFrom, EXIT, note, reportFailure, UsageError } from './api-client.ts';
import {
  accountsCommand,
  connectCommand,
  errorsCommand,
  getCommand,
  historyCommand,
  retryCommand,
  webhooksCommand,
} from './commands.ts';
import { postCommand } from './post.ts';

/** The commands that call a running Herald through the SDK; exit codes in api-client.ts (EXIT). */
export async function apiCommand(
  env: Env,
  command: string,
  args: string[],
  flags: Record<string, string | true>,
): Promise<number> {
  let url = 'http://127.0.0.1:3000';
  try {
    const herald = clientFrom(env, flags);
    url = herald.url;
    const [first] = args;
    switch (command) {
      case 'post':
        return await postCommand(herald, first, flags);
      case 'history':
        return await historyCommand(herald, flags);
      case 'get':
        return await getCommand(herald, first, flags);
      case 'retry':
        return await retryCommand(herald, first, flags);
      case 'accounts':
        return await accountsCommand(herald, flags);
      case 'connect':
        return await connectCommand(herald, first, flags);
      case 'webhooks':
        return await webhooksCommand(herald, flags);
      default:
        return await errorsCommand(herald, first, flags);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      note(err.message);
      return EXIT.usage;
    }
    if (err instanceof TypeError && /fetch failed/.test(err.message)) {
      note(`cannot reach Herald at ${url}: ${String(err.cause ?? err.message)}`);
      return EXIT.failure;
    }
    return reportFailure(err, flags.json === true);
  }
}
