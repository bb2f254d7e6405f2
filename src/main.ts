import { parseArgs } from './cli/args.ts';
import { ConfigError } from './config/config.ts';
import { readEnv } from './config/env.ts';

// Each command loads only its own modules: a client command (`herald post`, `history`, ...)
// does not load the server, the database driver or the media tools, so it starts in a
// fraction of the time `serve` needs.
const USAGE = `herald <command>

  serve [--role api|worker|all]   run Herald (default: API and worker in one process)
  keys create [--label L]         make another API key (printed once)
  keys list | keys revoke <id>    list or revoke API keys
  doctor                          check the configuration and environment
  media check <url> [--platforms instagram,threads]
                                  what each network's crawler meets at a media URL
  migrate                         bring the database schema up to date
  mcp                             MCP server over stdio for an agent: tools that call the
                                  Herald at HERALD_URL with HERALD_API_KEY (README "MCP server")

Talking to a running Herald (HERALD_URL, HERALD_API_KEY; HERALD_PROFILE_KEY or --profile-key;
or a profile file, chosen by --profile <name> or HERALD_PROFILE: README "Profile file"):
  config set <name> [--url URL] [--profile-key KEY] [--default]   API key read from stdin
  config list | config use <name> | config remove <name>
  post "text" -p bluesky,linkedin [--media ./a.jpg,https://…] [--at "2026-12-05 09:00" --tz Europe/Paris]
  history [--limit N] [--status error] | get <id> | retry <id>
  accounts | connect <profile key> | webhooks | errors [<code>]
  --json prints the answer as JSON. Exit codes: 0 success, 1 failure, 2 usage, 3 partial (some networks failed).
`;

async function main(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [command, ...rest] = positional;
  const env = readEnv();
  switch (command) {
    case 'serve':
      return (await import('./cli/serve.ts')).serve(env, flags);
    case 'keys':
      return (await import('./cli/keys.ts')).keys(env, rest, flags);
    case 'doctor':
      return (await import('./cli/doctor.ts')).doctor(env);
    case 'media':
      return (await import('./cli/media-check.ts')).mediaCheck(env, rest, flags);
    case 'mcp':
      return (await import('./cli/mcp.ts')).mcp(
        env,
        typeof flags.profile === 'string' ? flags.profile : undefined,
      );
    case 'config':
      return (await import('./cli/config-command.ts')).configCommand(env, rest, flags);
    case 'post':
    case 'history':
    case 'get':
    case 'retry':
    case 'accounts':
    case 'connect':
    case 'webhooks':
    case 'errors':
      return (await import('./cli/api-commands.ts')).apiCommand(env, command, rest, flags);
    case 'migrate': {
      const [{ loadConfig }, { openDatabase }, { migrate }, { waitingNotice }] = await Promise.all([
        import('./config/config.ts'),
        import('./db/open.ts'),
        import('./db/migrate.ts'),
        import('./db/database-unreachable.ts'),
      ]);
      const db = await openDatabase(loadConfig(env), () => {}, waitingNotice);
      const applied = await migrate(db.url);
      process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'schema is up to date\n');
      await db.embedded?.stop();
      return 0;
    }
    default:
      process.stdout.write(USAGE);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      err instanceof ConfigError
        ? `${err.message}\n`
        : // By name: importing its class would load database code into every client command.
          (err as Error)?.name === 'DatabaseUnreachable'
          ? `herald: ${(err as Error).message}\n`
          : `${(err as Error).stack ?? err}\n`,
    );
    process.exit(1);
  },
);
