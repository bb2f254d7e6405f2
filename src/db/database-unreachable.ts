// No import of pg here: the CLI's entry point loads this to print the error, before any database code.

/** Where a database URL points, without its credentials: what an operator may read in a log. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const socket = parsed.searchParams.get('host');
    const where = socket?.startsWith('/') ? socket : `${parsed.hostname}:${parsed.port || '5432'}`;
    return `${where}${parsed.pathname}`;
  } catch {
    return '(DATABASE_URL, not a URL)';
  }
}

/** The database did not answer at start: said in one line, never with the URL's password. */
export class DatabaseUnreachable extends Error {
  constructor(url: string, cause: unknown, waitedMs: number) {
    const waited = waitedMs > 0 ? `, after waiting ${Math.round(waitedMs / 1000)} s` : '';
    super(
      `cannot reach the database at ${describeDatabase(url)}${waited}: ${(cause as Error)?.message ?? cause}. ` +
        'Is PostgreSQL running there, and does DATABASE_URL name it? `herald doctor` checks the whole configuration.',
      { cause },
    );
    this.name = 'DatabaseUnreachable';
  }
}

/** How a command line tells its user it is waiting (stderr: stdout may be piped into a script). */
export function waitingNotice(message: string): void {
  process.stderr.write(`herald: ${message}\n`);
}
