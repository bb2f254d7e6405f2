import de from './translations/de.json' with { type: 'json' };
import es from './translations/es.json' with { type: 'json' };
import fr from './translations/fr.json' with { type: 'json' };
import it from './translations/it.json' with { type: 'json' };
import ja from './translations/ja.json' with { type: 'json' };
import nl from './translations/nl.json' with { type: 'json' };
import pt from './translations/pt.json' with { type: 'json' };
import zh from './translations/zh.json' with { type: 'json' };

/** Message templates per language, keyed `<code>` (default variant) or `<code>.<variant>`. */
export const TRANSLATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  de,
  es,
  fr,
  it,
  ja,
  nl,
  pt,
  zh,
};

export const LANGUAGES = Object.keys(TRANSLATIONS);

export function messageKey(code: number, variant: string): string {
  return variant === 'default' ? String(code) : `${code}.${variant}`;
}

/**
 * The language a `Translate-Error-Message` header asks for, or undefined for English.
 * Accepts region tags (`pt-BR` → `pt`); an unknown language answers in English.
 */
export function pickLanguage(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const primary = header.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return primary in TRANSLATIONS ? primary : undefined;
}

export function translatedTemplate(
  code: number,
  variant: string,
  lang: string | undefined,
): string | undefined {
  if (!lang) return undefined;
  return TRANSLATIONS[lang]?.[messageKey(code, variant)];
}
