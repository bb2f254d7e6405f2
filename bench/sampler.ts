export interface SampleSummary {
  max: number;
  mean: number;
}

export interface Sampler {
  /** Takes a last sample and returns each probe's maximum and mean. */
  stop(): Record<string, SampleSummary>;
}

/** Reads every probe each `everyMs` (timer-driven, so a busy event loop samples less often). */
export function startSampler(probes: Record<string, () => number>, everyMs = 100): Sampler {
  const stats = Object.fromEntries(Object.keys(probes).map((name) => [name, { max: 0, sum: 0, count: 0 }]));
  const sample = () => {
    for (const [name, probe] of Object.entries(probes)) {
      const value = probe();
      const s = stats[name];
      if (!s) continue;
      s.max = Math.max(s.max, value);
      s.sum += value;
      s.count++;
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return Object.fromEntries(
        Object.entries(stats).map(([name, s]) => [
          name,
          { max: s.max, mean: s.count > 0 ? s.sum / s.count : 0 },
        ]),
      );
    },
  };
}
