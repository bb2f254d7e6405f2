import type { PublishInput } from '../types.ts';
import { actionTypeOf, DEFAULT_LANGUAGE } from './declaration.ts';

/**
 * The `LocalPost` Herald creates (platform-apis.md §14): a STANDARD post with the text
 * as `summary`, `gmbOptions.callToAction` in Google's spelling, and the one image as a
 * `sourceUrl` Google fetches itself (the core's media step already checked it as
 * Googlebot-Image would, so the connector never downloads it).
 */
export function localPostBody(input: PublishInput): Record<string, unknown> {
  const { options } = input;
  const language = typeof options.languageCode === 'string' ? options.languageCode : DEFAULT_LANGUAGE;
  const body: Record<string, unknown> = { languageCode: language, topicType: 'STANDARD' };
  if (input.text.trim() !== '') body.summary = input.text;
  const cta = options.callToAction as { actionType?: unknown; url?: unknown } | undefined;
  const actionType = actionTypeOf(cta?.actionType);
  if (actionType) {
    // CALL dials the location's own phone number: Google takes no URL with it.
    body.callToAction =
      actionType === 'CALL' || typeof cta?.url !== 'string' ? { actionType } : { actionType, url: cta.url };
  }
  const images = input.media.filter((item) => item.kind === 'image');
  if (images.length > 0) body.media = images.map((item) => ({ mediaFormat: 'PHOTO', sourceUrl: item.url }));
  return body;
}
