import type { AppContext } from '../app/context.ts';
import type { ModerationProviderConfig } from '../config/moderation-config.ts';
import { apiFetch } from '../media/api-fetch.ts';
import { mediaService } from '../media/media-service.ts';
import { ModerationInputError } from './media-inputs.ts';

/** The provider failed (5xx, no answer, an answer that is not its documented shape): 331, retry. */
export class ModerationProviderError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ModerationProviderError';
  }
}

export interface ProviderVerdict {
  flagged: boolean;
  categories: Record<string, boolean>;
  categoryScores: Record<string, number>;
}

interface ProviderAnswer {
  results?: { flagged?: unknown; categories?: unknown; category_scores?: unknown }[];
}

/**
 * An OpenAI-compatible moderation endpoint (POST {model, input}), reached through the
 * SSRF-safe API fetcher: a public https address, unless HERALD_MEDIA_ALLOW lists it.
 * Images go by URL, as the endpoint fetches them itself. A 400 is the provider refusing
 * the input (438); anything else that is not its answer is a provider failure (331).
 */
export async function askProvider(
  app: AppContext,
  config: ModerationProviderConfig,
  text: string | undefined,
  imageUrls: readonly string[],
): Promise<ProviderVerdict> {
  const input = [
    ...(text ? [{ type: 'text', text }] : []),
    ...imageUrls.map((url) => ({ type: 'image_url', image_url: { url } })),
  ];
  const fetcher = apiFetch(mediaService(app).policy);
  let response: Response;
  try {
    response = await fetcher(config.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: config.model, input }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (err) {
    throw new ModerationProviderError(`no answer: ${(err as Error).message}`);
  }
  if (response.status === 400)
    throw new ModerationInputError('the moderation provider refused the input (HTTP 400)');
  if (response.status !== 200) throw new ModerationProviderError(`HTTP ${response.status}`);
  let answer: ProviderAnswer;
  try {
    answer = (await response.json()) as ProviderAnswer;
  } catch {
    throw new ModerationProviderError('the answer is not JSON');
  }
  const results = answer.results;
  if (!Array.isArray(results) || results.length === 0)
    throw new ModerationProviderError('the answer has no results');
  const categories: Record<string, boolean> = {};
  const categoryScores: Record<string, number> = {};
  let flagged = false;
  for (const result of results) {
    flagged ||= result.flagged === true;
    for (const [name, value] of Object.entries((result.categories ?? {}) as Record<string, unknown>))
      categories[name] = categories[name] === true || value === true;
    for (const [name, value] of Object.entries((result.category_scores ?? {}) as Record<string, unknown>))
      if (typeof value === 'number') categoryScores[name] = Math.max(categoryScores[name] ?? 0, value);
  }
  return { flagged, categories, categoryScores };
}
