/** What Herald stores for a LinkedIn account (encrypted by the core). */
export interface LinkedInCredentials {
  /** `urn:li:person:…` or `urn:li:organization:…`: who the posts are published as. */
  author: string;
  accessToken: string;
  kind: 'person' | 'organization';
  /** The id inside the author URN. */
  id: string;
}

const AUTHOR = /^urn:li:(person|organization):([A-Za-z0-9_-]+)$/;

/** Credentials as sent or stored; a string names the problem. */
export function parseCredentials(raw: Readonly<Record<string, unknown>>): LinkedInCredentials | string {
  const author = typeof raw.author === 'string' ? raw.author.trim() : '';
  const accessToken = typeof raw.accessToken === 'string' ? raw.accessToken.trim() : '';
  const match = AUTHOR.exec(author);
  if (!match)
    return `author must be urn:li:person:<id> or urn:li:organization:<id>, got ${JSON.stringify(author)}`;
  if (!accessToken) return 'accessToken is required';
  return { author, accessToken, kind: match[1] as 'person' | 'organization', id: match[2] as string };
}

export function toStored(credentials: LinkedInCredentials): Record<string, unknown> {
  return { author: credentials.author, accessToken: credentials.accessToken };
}
