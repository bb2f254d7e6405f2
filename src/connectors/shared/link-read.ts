import { HeraldError } from '../../errors/herald-error.ts';
import type { LinkingContext } from '../../linking/types.ts';
import type { Platform } from '../../platforms.ts';
import { isObject, readJson } from './wire.ts';

/**
 * One authenticated GET a linking module makes to list what a login may post as (a
 * channel, a board, a location). A refusal is 665 with the network's words (its error
 * object, whatever its shape) in details, so the user sees why the network said no.
 */
export async function bearerGet(
  ctx: LinkingContext,
  platform: Platform,
  platformName: string,
  token: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  let answer: unknown;
  let status = 0;
  try {
    const response = await ctx.fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(15_000),
    });
    status = response.status;
    answer = await readJson(response);
  } catch (error) {
    throw new HeraldError({
      code: 665,
      platform,
      params: { platformName },
      details: `no answer: ${String(error)}`,
    });
  }
  if (status >= 200 && status < 300 && isObject(answer)) return answer;
  throw new HeraldError({
    code: 665,
    platform,
    params: { platformName },
    details: `HTTP ${status} ${JSON.stringify(answer ?? null).slice(0, 300)}`,
  });
}

export function items(answer: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = answer[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
