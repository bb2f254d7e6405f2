/**
 * The only reader of `process.env` in Herald. Everything else receives a typed
 * `Config` built from this snapshot (see config.ts).
 */
export type Env = Readonly<Record<string, string | undefined>>;

export function readEnv(): Env {
  return { ...process.env };
}
