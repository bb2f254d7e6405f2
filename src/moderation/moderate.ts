import type { AppContext } from '../app/context.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { isImage, readMediaInputs } from './media-inputs.ts';
import { askProvider } from './provider.ts';
import { findListedWords } from './text-engine.ts';

export interface ModerationRequest {
  text?: string;
  mediaUrls?: string[];
}

/**
 * POST /api/validate/moderation. The local engine judges the text (word lists, several
 * languages); media are read and typed but not judged locally (no image model ships
 * with Herald). With HERALD_MODERATION_URL set, the provider judges the text and the
 * images too, and the answer carries its verdict. `flagged` is true when either flags.
 * Throws ModerationInputError (438) or ModerationProviderError (331).
 */
export async function moderate(
  app: AppContext,
  request: ModerationRequest,
): Promise<Record<string, unknown>> {
  const text = request.text ?? '';
  const urls = request.mediaUrls ?? [];
  if (text.trim() === '' && urls.length === 0)
    throw new HeraldError({ code: 604, params: { problem: 'send text, mediaUrls or both to moderate' } });
  const matches = findListedWords(text);
  const media = await readMediaInputs(app, urls);
  const provider = app.config.moderationProvider;
  const verdict = provider
    ? await askProvider(
        app,
        provider,
        text || undefined,
        media.filter(isImage).map((m) => m.url),
      )
    : undefined;
  const textFlagged = matches.length > 0;
  return {
    status: 'success',
    flagged: textFlagged || verdict?.flagged === true,
    engine: provider ? 'local+provider' : 'local',
    text: { flagged: textFlagged, matches },
    mediaUrls: media.map((m) => ({
      url: m.url,
      type: m.type,
      // The local engine cannot judge media; the provider judges images (not videos).
      judgedBy: provider && isImage(m) ? 'provider' : null,
    })),
    ...(verdict ? { provider: verdict } : {}),
  };
}
