import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

export const START = '<!-- bench:results:start (written by `npm run bench`; edit outside these markers) -->';
export const END = '<!-- bench:results:end -->';

/**
 * Puts the generated results between the markers of the page; the hand-written
 * text around them stays. A missing page (or one without markers) gets a stub.
 */
export async function writeResults(file: string, section: string): Promise<void> {
  const block = `${START}\n\n${section}\n\n${END}`;
  const current = existsSync(file) ? await readFile(file, 'utf8') : '';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}`
      : `# Benchmarks\n\n${block}\n${current === '' ? '' : `\n${current}`}`;
  await writeFile(file, next.endsWith('\n') ? next : `${next}\n`);
}
