import { chmod } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import setup from '../test/setup/postgres-global.ts';

/**
 * Stryker runs the tests in a sandbox folder made by mkdtemp (mode 0700). As root,
 * the embedded PostgreSQL runs as the `postgres` user, which must be able to reach its
 * data folder inside it: the sandbox is opened for traversal (0711) first.
 */
export default async function mutationSetup(project: TestProject) {
  const sandbox = path.resolve('.');
  if (process.getuid?.() === 0 && path.basename(sandbox).startsWith('sandbox-')) await chmod(sandbox, 0o711);
  return setup(project);
}
