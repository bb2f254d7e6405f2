import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** A `.cpuprofile` as `node --cpu-prof` writes it (times in µs of one monotonic clock). */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  wall_s: number;
  busy_percent_of_wall: number;
  /** Busy CPU in the window, ms (the samples that were not idle × the sampling interval). */
  busy_ms: number;
  by_owner: { name: string; percent_of_busy: number }[];
  top_functions_self: { name: string; percent_of_busy: number }[];
}

/** Where a frame's code lives: Herald's own source, a package, Node itself, or the engine. */
export function ownerOf(url: string): string {
  if (url === '') return '(engine: GC, idle, native)';
  if (url.startsWith('node:')) return 'node (core)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.includes('/src/') || url.includes('/dist/')) return 'herald src';
  return 'other';
}

/**
 * Where the process spent its CPU between `windowStart` and `windowEnd` (µs, the profile's
 * clock): by owner (Herald's code, each package, Node, the engine) and by function (self time).
 */
export function summariseProfile(
  profile: CpuProfile,
  windowStart: number,
  windowEnd: number,
  topFunctions = 20,
): ProfileSummary {
  const hitsOf = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < windowStart || at > windowEnd) return;
    total += 1;
    hitsOf.set(id, (hitsOf.get(id) ?? 0) + 1);
  });
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = hitsOf.get(node.id) ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += hits;
      continue;
    }
    const owner = ownerOf(url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + hits);
    const where = url ? `${path.relative(ROOT, url.replace('file://', ''))}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
  }
  const busy = total - idle;
  const share = (n: number) => (100 * n) / Math.max(1, busy);
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => ({ name, percent_of_busy: share(hits) }));
  const wallS = (windowEnd - windowStart) / 1e6;
  return {
    wall_s: wallS,
    busy_percent_of_wall: (100 * busy) / Math.max(1, total),
    busy_ms: (busy / Math.max(1, total)) * wallS * 1000,
    by_owner: top(byOwner, 12),
    top_functions_self: top(byFunction, topFunctions),
  };
}

/**
 * The span of the samples whose stack runs `functionName` (µs, the profile's clock): the
 * window a bench's work ran in, read from the profile itself rather than from wall clocks
 * that the process's exit makes uncertain.
 */
export function windowOf(profile: CpuProfile, functionName: string): [number, number] | undefined {
  const parent = new Map<number, number>();
  for (const node of profile.nodes as (ProfileNode & { children?: number[] })[])
    for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const runs = new Map<number, boolean>();
  const inside = (id: number): boolean => {
    const known = runs.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result = node?.callFrame.functionName === functionName || (up !== undefined && inside(up));
    runs.set(id, result);
    return result;
  };
  let at = profile.startTime;
  let first: number | undefined;
  let last: number | undefined;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (!inside(id)) return;
    first ??= at;
    last = at;
  });
  return first === undefined || last === undefined ? undefined : [first, last];
}
