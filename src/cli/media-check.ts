import { type Config, loadConfig } from '../config/config.ts';
import type { Env } from '../config/env.ts';
import { messageOf } from '../errors/build.ts';
import { createMediaService } from '../media/media-service.ts';
import {
  type MediaVerification,
  type VerificationRow,
  verificationRows,
  verifyMedia,
} from '../media/verify-media.ts';
import { isPlatform, type Platform } from '../platforms.ts';

/**
 * `herald media check <url> [--platforms instagram,threads]`: what POST /api/media/verify
 * answers, as a table. Needs no database: only the media settings of the config.
 * Exit 0 when every network that fetches media by URL can fetch it, 1 when one cannot,
 * 2 on a bad call.
 */

const COLUMNS: readonly (keyof VerificationRow)[] = [
  'crawler',
  'networks',
  'robots',
  'http',
  'type',
  'bytes',
  'verdict',
];

export function formatTable(rows: readonly VerificationRow[]): string {
  const widths = COLUMNS.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(COLUMNS.map((c) => c.toUpperCase())), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of rows) out.push(line(COLUMNS.map((c) => row[c])));
  const fixes = rows.filter((r) => r.fix);
  if (fixes.length > 0) {
    out.push('');
    for (const row of fixes) out.push(`fix for ${row.crawler}:`, ...row.fix.split('\n').map((l) => `  ${l}`));
  }
  return `${out.join('\n')}\n`;
}

/** The check itself, for the command and for tests that compare it with the API. */
export async function runMediaCheck(
  config: Config,
  url: string,
  platforms: readonly Platform[],
): Promise<{ ok: true; verification: MediaVerification } | { ok: false; message: string }> {
  const result = await verifyMedia(createMediaService(config), url, { platforms });
  if (result.ok) return result;
  return { ok: false, message: `${messageOf(result.error)} ${result.error.details ?? ''}`.trim() };
}

export async function mediaCheck(
  env: Env,
  args: readonly string[],
  flags: Record<string, string | true>,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const [sub, url] = args;
  const list = typeof flags.platforms === 'string' ? flags.platforms.split(',').map((p) => p.trim()) : [];
  const unknown = list.find((p) => !isPlatform(p));
  if (sub !== 'check' || !url || unknown !== undefined) {
    write(
      unknown !== undefined
        ? `unknown platform "${unknown}"\n`
        : 'usage: herald media check <url> [--platforms instagram,threads,...]\n',
    );
    return 2;
  }
  const result = await runMediaCheck(loadConfig(env), url, list as Platform[]);
  if (!result.ok) {
    write(`${result.message}\n`);
    return 2;
  }
  write(formatTable(verificationRows(result.verification)));
  // Only a crawler that fetches a post's media can make a post fail.
  return result.verification.crawlers.some((c) => c.verdict === 'blocked' && c.pullsByUrl) ? 1 : 0;
}
