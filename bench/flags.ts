/**
 * Command-line flags shared by the benches: `--json` prints one JSON object of named
 * figures on stdout (and nothing else there: progress stays on stderr, the page is left
 * alone), `--name value` numbers with a default.
 */
export const JSON_OUTPUT = process.argv.includes('--json');

/** `--statement-kinds`: the HTTP lines also print their statements per request by kind (stderr). */
export const STATEMENT_KINDS = process.argv.includes('--statement-kinds');

/** `--name <number>`, or the default when absent; a non-number stops the run. */
export function numberFlag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
  return value;
}

/** Whether a bench may rewrite its section of docs/benchmarks.md. */
export function writesDoc(): boolean {
  return !JSON_OUTPUT && !process.argv.includes('--no-doc') && !process.argv.includes('--quick');
}

/** Rounds every number of a figures object for printing (3 significant decimals at most). */
export function printFigures(figures: Record<string, unknown>): void {
  const round = (v: unknown): unknown =>
    typeof v === 'number'
      ? Number(v.toFixed(Math.abs(v) >= 100 ? 1 : 3))
      : v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
        : Array.isArray(v)
          ? v.map(round)
          : v;
  process.stdout.write(`${JSON.stringify(round(figures), null, 2)}\n`);
}
