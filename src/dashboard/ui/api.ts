import { apiKey, chosenProfile, signOut } from './session.ts';

/** Herald's answer, whatever its status: the body says what happened (Ayrshare's habit). */
export interface Answer {
  status: number;
  body: Json;
}

/** A JSON object as Herald answers it. */
export type Json = Record<string, unknown>;

/**
 * One call to Herald's JSON API with the session's key as Bearer, and the chosen
 * profile's key as Profile-Key (unless options say which). A FormData body goes as multipart.
 */
export async function api(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: Json | FormData,
  options: { profileKey?: string | null } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey() ?? ''}` };
  // profileKey: null acts as the primary profile whatever is chosen; a string, as that profile.
  const chosen = chosenProfile();
  const profile =
    options.profileKey === undefined ? chosen : options.profileKey ? { key: options.profileKey } : null;
  if (profile) headers['profile-key'] = profile.key;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, ...(payload ? { body: payload } : {}) });
  const text = await response.text();
  let parsed: Json = {};
  try {
    parsed = text ? (JSON.parse(text) as Json) : {};
  } catch {
    parsed = { status: 'error', message: text.slice(0, 500) };
  }
  // The key stopped working (revoked): back to the sign-in form, nothing kept.
  if (response.status === 401 && parsed.code === 601) {
    signOut();
    location.reload();
  }
  return { status: response.status, body: parsed };
}

/** The catalog error of an answer that failed as a whole (not per network). */
export function failure(answer: Answer): Json | undefined {
  return answer.status >= 400 && !Array.isArray(answer.body.errors) ? answer.body : undefined;
}

export function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}
