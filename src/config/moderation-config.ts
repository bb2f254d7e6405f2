import type { Env } from './env.ts';

/** An OpenAI-compatible moderation endpoint (POST {model, input} → {results: [...]}). */
export interface ModerationProviderConfig {
  url: string;
  /** A secret: sent as a Bearer token, never logged. */
  apiKey: string;
  model: string;
  timeoutMs: number;
}

export const MODERATION_VARIABLES: readonly { name: string; default: string; meaning: string }[] = [
  {
    name: 'HERALD_MODERATION_URL',
    default: '(unset: the local engine only)',
    meaning:
      'An OpenAI-compatible moderation endpoint (e.g. https://api.openai.com/v1/moderations): POST /api/validate/moderation then asks it too, images included.',
  },
  {
    name: 'HERALD_MODERATION_API_KEY',
    default: '(unset)',
    meaning: 'With HERALD_MODERATION_URL: its API key, sent as a Bearer token (never logged).',
  },
  {
    name: 'HERALD_MODERATION_MODEL',
    default: 'omni-moderation-latest',
    meaning: 'With HERALD_MODERATION_URL: the model named in each request.',
  },
  {
    name: 'HERALD_MODERATION_TIMEOUT_MS',
    default: '15000',
    meaning: 'With HERALD_MODERATION_URL: the longest wait for its answer (past it: 331, retry).',
  },
];

export function moderationConfig(
  env: Env,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): ModerationProviderConfig | undefined {
  const url = env.HERALD_MODERATION_URL;
  if (!url) return undefined;
  if (!/^https?:\/\/[^/]+/.test(url)) {
    problems.push(`HERALD_MODERATION_URL must be an http(s) URL; got "${url}"`);
    return undefined;
  }
  const apiKey = env.HERALD_MODERATION_API_KEY ?? '';
  if (!apiKey) problems.push('HERALD_MODERATION_API_KEY is required with HERALD_MODERATION_URL');
  return {
    url,
    apiKey,
    model: env.HERALD_MODERATION_MODEL || 'omni-moderation-latest',
    timeoutMs: integer('HERALD_MODERATION_TIMEOUT_MS', 15_000, 100, 600_000),
  };
}
