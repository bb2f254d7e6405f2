import type { CredentialField } from '../connectors/types.ts';

/**
 * Credential values that can never work, refused when an account is linked (604 naming
 * the field) instead of failing at the first call as a retryable outage (625): a secret
 * goes in an HTTP header (`Authorization: Bearer …`), which carries visible ASCII only
 * (fetch cannot even build the request otherwise); a server's URL with a user name or
 * password in it is not a server address. One rule for every network, read from its
 * declaration's credential fields.
 */

const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

function shown(char: string): string {
  const point = char.codePointAt(0) ?? 0;
  const hex = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
  return point > 0x20 && point !== 0x7f && (point < 0x80 || point > 0x9f) ? `"${char}" (${hex})` : hex;
}

function hasUserinfo(value: string): boolean {
  const raw = value.trim();
  try {
    // As the connectors read it: a bare host (mastodon.social) is an https URL.
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
    return url.username !== '' || url.password !== '';
  } catch {
    // Not a URL at all: the connector says what it expects.
    return false;
  }
}

/** Why these credentials cannot be used, or undefined. */
export function credentialValueProblem(
  fields: readonly CredentialField[],
  credentials: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const field of fields) {
    const value = credentials[field.name];
    if (typeof value !== 'string' || value === '') continue;
    if (field.secret && !VISIBLE_ASCII.test(value)) {
      const bad = [...value].find((char) => !VISIBLE_ASCII.test(char)) ?? '';
      return `credentials.${field.name} must be visible ASCII characters (no spaces, line breaks or accents, as the network issued it): it holds ${shown(bad)}, which an HTTP header cannot carry`;
    }
    if (field.url && hasUserinfo(value))
      return `credentials.${field.name} must be a server address without a user name or password (no user:password@)`;
  }
  return undefined;
}
