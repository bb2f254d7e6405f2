import type { ErrorSpec } from './build.ts';

/**
 * The one error type routes and services throw. It carries a catalog spec, never a
 * body: the HTTP boundary renders it (in the caller's language).
 */
export class HeraldError extends Error {
  readonly spec: ErrorSpec;

  constructor(spec: ErrorSpec | number, params?: ErrorSpec['params']) {
    const resolved: ErrorSpec =
      typeof spec === 'number' ? { code: spec, ...(params ? { params } : {}) } : spec;
    super(`herald error ${resolved.code}`);
    this.name = 'HeraldError';
    this.spec = resolved;
  }
}

/** Several per-network errors found before anything was stored (e.g. validation of each target). */
export class TargetErrors extends Error {
  constructor(readonly specs: readonly ErrorSpec[]) {
    super(`${specs.length} network error(s)`);
    this.name = 'TargetErrors';
  }
}
