#!/usr/bin/env node
// `npm test`: the whole suite on a fresh machine. Everything it needs comes from
// npm (embedded PostgreSQL, the Bluesky PDS packages); it then runs vitest.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
