export interface RateLimitConfig {
  /** Requests one profile may make per window; 0: no profile limit. */
  perProfile: number;
  /** Requests one API key may make per window, whatever profile it acts as; 0: no key limit. */
  perKey: number;
  /** The window's length in seconds (fixed windows, aligned to the epoch). */
  windowSeconds: number;
  /** How often each process adds its counts to the shared ones in PostgreSQL (and reads theirs). */
  flushMs: number;
}

export const RATE_LIMIT_VARIABLES: readonly { name: string; default: string; meaning: string }[] = [
  {
    name: 'HERALD_RATE_LIMIT_PROFILE',
    default: '300',
    meaning:
      'Requests one profile may make per window (Ayrshare’s 300 per 5 minutes), counted across every API process; past it, 429 (code 640) with Retry-After. `0`: no limit.',
  },
  {
    name: 'HERALD_RATE_LIMIT_KEY',
    default: '0',
    meaning:
      'Requests one API key may make per window, whatever profiles it acts as (429, code 640). `0`: no limit, so one key can serve many profiles, each held to its own limit.',
  },
  {
    name: 'HERALD_RATE_LIMIT_WINDOW_SECONDS',
    default: '300',
    meaning: 'Length of the rate-limit window (fixed windows; counts start again at each).',
  },
  {
    name: 'HERALD_RATE_LIMIT_FLUSH_MS',
    default: '1000',
    meaning:
      'How often each API process adds its counts to the shared ones in PostgreSQL and reads the others’: a profile can pass its limit by at most the requests it sends to other API processes in this time.',
  },
];

type Integer = (name: string, fallback: number, min: number, max: number) => number;

export function rateLimitConfig(integer: Integer): RateLimitConfig {
  return {
    perProfile: integer('HERALD_RATE_LIMIT_PROFILE', 300, 0, 10_000_000),
    perKey: integer('HERALD_RATE_LIMIT_KEY', 0, 0, 10_000_000),
    windowSeconds: integer('HERALD_RATE_LIMIT_WINDOW_SECONDS', 300, 1, 86_400),
    flushMs: integer('HERALD_RATE_LIMIT_FLUSH_MS', 1000, 50, 60_000),
  };
}
