import { execFileSync } from 'node:child_process';

/** The commit measured, and whether Herald's sources differed from it (`abc1234 + uncommitted changes`). */
export function describeRevision(root: string): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'src', 'package.json', 'package-lock.json') !== '';
    return dirty ? `${head} + uncommitted changes to src/` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
