/** Short flags and the long ones they stand for (`-p bluesky,linkedin`). */
const SHORT: Record<string, string> = { '-p': '--platforms' };
/** Flags that never take a value (`--json "text"` must not swallow the text). */
const BOOLEAN = new Set(['json', 'help']);

/** `--name value` / `--name=value` / `--flag` parsing: enough for Herald's few commands, no dependency. */
export function parseArgs(argv: readonly string[]): {
  positional: string[];
  flags: Record<string, string | true>;
} {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const given = argv[i] as string;
    const arg = SHORT[given] ?? given;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) flags[name] = inline;
    else if (!BOOLEAN.has(name) && next !== undefined && !next.startsWith('--')) {
      flags[name] = next;
      i++;
    } else flags[name] = true;
  }
  return { positional, flags };
}
