import { createHash } from 'node:crypto';
import type { ErrorSpec } from '../../errors/build.ts';
import type { CatalogEntry } from '../../errors/catalog/index.ts';
import type { Declaration, PublishInput, SandboxSeed } from '../types.ts';
import { SAMPLE_DETAILS } from './sample-details.ts';

/** A stable seed for a sandbox id and URL: the same key always gives the same post. */
export function seedOf(
  key: string,
  username: string,
  options: Readonly<Record<string, unknown>>,
): SandboxSeed {
  const hex = createHash('sha256').update(key).digest('hex');
  const numeric = (BigInt(`0x${hex.slice(0, 16)}`) % 9_000_000_000_000_000_000n) + 1_000_000_000_000_000_000n;
  return { key: hex, numeric: numeric.toString(), username, options };
}

/** The error a live connector would report, with realistic parameters taken from the post where it has them. */
export function sampleError(
  declaration: Declaration,
  entry: CatalogEntry,
  variant: string,
  input: Pick<PublishInput, 'options'>,
): ErrorSpec {
  const params: Record<string, string> = {};
  for (const [name, param] of Object.entries(entry.variants[variant]?.params ?? {}))
    params[name] = param.sample;
  if ('platformName' in params) params.platformName = declaration.name;
  if ('subreddit' in params && typeof input.options.subreddit === 'string')
    params.subreddit = input.options.subreddit;
  const details = SAMPLE_DETAILS[variant === 'default' ? String(entry.code) : `${entry.code}.${variant}`];
  return {
    code: entry.code,
    ...(variant !== 'default' ? { variant } : {}),
    platform: declaration.id,
    params,
    ...(details ? { details } : {}),
  };
}
