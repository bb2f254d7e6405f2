/**
 * `npm run bench:profile`: a CPU profile of the accept path. One `herald serve` process
 * started with `--cpu-prof` takes scheduled posts (two sandbox networks, the body of
 * `npm run bench`) from 64 closed-loop clients for `--seconds` (10), or with `--immediate`
 * immediate posts (published to both sandbox accounts before the answer) from 16; when it exits the
 * profile is summarised: where Herald's process spends its CPU, by package (its own
 * code, fastify, pg, graphile-worker, ...) and by function (self time). The raw
 * `.cpuprofile` stays in `.tmp/` for Chrome DevTools. `--json` prints the summary as JSON.
 */
import '../test/setup/net-guard.ts';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callHerald, startChildHerald } from './child-herald.ts';
import { type CpuProfile, summariseProfile } from './cpu-profile.ts';
import { JSON_OUTPUT, numberFlag, printFigures } from './flags.ts';
import { startLoadDriver } from './load-driver.ts';
import { startBenchPostgres } from './postgres.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`bench:profile: ${line}\n`);

export async function profileAccept(seconds: number, immediate = false) {
  const work = path.join(ROOT, '.tmp', `bench-profile-${process.pid}`);
  const profileDir = path.join(ROOT, '.tmp', 'cpu-profiles');
  await rm(profileDir, { recursive: true, force: true });
  const postgres = await startBenchPostgres(path.join(work, 'pg'));
  const load = await startLoadDriver();
  try {
    const herald = await startChildHerald(
      postgres.url,
      path.join(work, 'herald'),
      { HERALD_INSTAGRAM_DAILY_BUDGET: '100000', HERALD_LOG_LEVEL: 'warn' },
      ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    );
    let sent = 0;
    let loadMs = 0;
    let stopMs = 0;
    try {
      for (const platform of ['facebook', 'instagram'])
        await callHerald(herald, 'POST', '/api/accounts', { platform, credentials: { sandbox: true } });
      const result = await load.run({
        origin: herald.url,
        path: '/api/post',
        headers: { authorization: `Bearer ${herald.apiKey}` },
        fields: {
          platforms: ['facebook', 'instagram'],
          mediaUrls: ['https://media.example.com/a.jpg'],
          ...(immediate ? {} : { scheduleDate: new Date(Date.now() + 86_400_000).toISOString() }),
        },
        firstN: 1,
        expectStatus: immediate ? 'success' : 'scheduled',
        concurrency: immediate ? 16 : 64,
        warmupMs: 1000,
        durationMs: seconds * 1000,
      });
      sent = result.sent;
      loadMs = result.windowEnd - result.windowStart + 1000;
      log(
        `${result.requestsPerSecond.toFixed(0)} req/s, ${result.errors} errors; stopping Herald to write the profile`,
      );
    } finally {
      const stopping = Date.now();
      await herald.stop();
      stopMs = Date.now() - stopping;
    }
    const file = (await readdir(profileDir)).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    const profile = JSON.parse(await readFile(path.join(profileDir, file), 'utf8')) as CpuProfile;
    // Only the samples taken while the load ran: start-up (module loading, TypeScript
    // compilation) and shutdown are not the accept path. The profile ends when the process
    // exits, `stopMs` after it was asked to; the load ran `loadMs` before that.
    const windowEnd = profile.endTime - stopMs * 1000;
    const windowStart = windowEnd - loadMs * 1000;
    const summary = summariseProfile(profile, windowStart, windowEnd);
    return {
      requests: sent,
      profile_file: path.relative(ROOT, path.join(profileDir, file)),
      wall_s: summary.wall_s,
      busy_percent_of_wall: summary.busy_percent_of_wall,
      busy_cpu_ms_per_request: summary.busy_ms / Math.max(1, sent),
      by_owner: summary.by_owner,
      top_functions_self: summary.top_functions_self,
    };
  } finally {
    await load.stop();
    await postgres.stop();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench/profile-accept.ts')) {
  const immediate = process.argv.includes('--immediate');
  const summary = await profileAccept(numberFlag('seconds', 10), immediate);
  if (JSON_OUTPUT) printFigures(summary);
  else {
    const pct = (p: number) => `${p.toFixed(1)} %`;
    process.stdout.write(
      `${[
        `${summary.requests} ${immediate ? 'immediate' : 'scheduled'} posts; process busy ${pct(summary.busy_percent_of_wall)} of ${summary.wall_s.toFixed(1)} s, ~${summary.busy_cpu_ms_per_request.toFixed(2)} ms CPU per request (profile: ${summary.profile_file})`,
        '',
        '| code | share of busy samples |',
        '| --- | ---: |',
        ...summary.by_owner.map((o) => `| ${o.name} | ${pct(o.percent_of_busy)} |`),
        '',
        '| function (self time) | share |',
        '| --- | ---: |',
        ...summary.top_functions_self.map((f) => `| \`${f.name}\` | ${pct(f.percent_of_busy)} |`),
      ].join('\n')}\n`,
    );
  }
}
