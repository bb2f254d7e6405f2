import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Average CPU cores each party used over a measured stretch. */
export interface CpuSplit {
  server: number;
  postgres: number;
  loadGenerator: number;
  /** Interrupt and softirq work no process is charged for (loopback networking lands here). */
  kernel: number;
  /** Everything else: other processes on the machine. Well above 0 means the figures are disturbed. */
  other: number;
  /**
   * Time the machine's virtual CPUs were ready but the host ran something else (`steal` in
   * /proc/stat): a virtual machine's neighbours. Well above 0 means the figures are disturbed too.
   */
  steal: number;
}

export interface CpuMeter {
  /** Undefined where /proc is not available (not Linux). */
  stop(): CpuSplit | undefined;
}

export interface MeasuredPids {
  server: number;
  loadGenerator: number;
  postmaster: number;
}

const TICKS_PER_SECOND = 100;

interface Snapshot {
  at: number;
  /** Ticks the machine ran processes (user, nice, system). */
  busy: number;
  /** Ticks in interrupts and softirqs. */
  kernel: number;
  /** Ticks taken by the host (steal). */
  steal: number;
  byParty: Pick<CpuSplit, 'server' | 'postgres' | 'loadGenerator'>;
}

function machineTicks(): { busy: number; kernel: number; steal: number } {
  // "cpu  user nice system idle iowait irq softirq steal ..."
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { busy: user + nice + system, kernel: irq + softirq, steal };
}

function snapshot(pids: MeasuredPids): Snapshot {
  const byParty = { server: 0, postgres: 0, loadGenerator: 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // After "(comm) ": state ppid ... utime (12th) stime (13th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (pid === pids.server) byParty.server += ticks;
    else if (pid === pids.loadGenerator) byParty.loadGenerator += ticks;
    else if (pid === pids.postmaster || ppid === pids.postmaster) byParty.postgres += ticks;
    // A backend that exits (a pool closing an idle connection) takes its ticks out of the sum;
    // the postmaster reaps it and its ticks move to the postmaster's cutime + cstime, counted here.
    if (pid === pids.postmaster) byParty.postgres += Number(fields[13]) + Number(fields[14]);
  }
  return { at: performance.now(), ...machineTicks(), byParty };
}

/**
 * Splits the machine's CPU time between the server process, PostgreSQL (the
 * postmaster and its children), the load generator, interrupts and everything
 * else, from /proc. PostgreSQL's backends come and go (a pool closes idle connections):
 * one that exits is counted through the postmaster's reaped children's time.
 */
export function startCpuMeter(pids: MeasuredPids): CpuMeter {
  if (!existsSync('/proc/stat')) return { stop: () => undefined };
  const start = snapshot(pids);
  return {
    stop() {
      const end = snapshot(pids);
      const seconds = (end.at - start.at) / 1000;
      const cores = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
      const server = cores(end.byParty.server - start.byParty.server);
      const postgres = cores(end.byParty.postgres - start.byParty.postgres);
      const loadGenerator = cores(end.byParty.loadGenerator - start.byParty.loadGenerator);
      const kernel = cores(end.kernel - start.kernel);
      const other = Math.max(0, cores(end.busy - start.busy) - server - postgres - loadGenerator);
      const steal = cores(end.steal - start.steal);
      return { server, postgres, loadGenerator, kernel, other, steal };
    },
  };
}
