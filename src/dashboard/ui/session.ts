/**
 * The API key and the chosen profile key live in sessionStorage only: gone when the tab
 * closes, never written to the URL, a cookie or localStorage.
 */

const API_KEY = 'herald.apiKey';
const PROFILE_KEY = 'herald.profileKey';
const PROFILE_TITLE = 'herald.profileTitle';

export function apiKey(): string | null {
  return sessionStorage.getItem(API_KEY);
}

export function signIn(key: string): void {
  sessionStorage.setItem(API_KEY, key.trim());
}

export function signOut(): void {
  sessionStorage.clear();
}

export interface ChosenProfile {
  key: string;
  title: string;
}

export function chosenProfile(): ChosenProfile | null {
  const key = sessionStorage.getItem(PROFILE_KEY);
  return key ? { key, title: sessionStorage.getItem(PROFILE_TITLE) ?? 'profile' } : null;
}

/** null goes back to the primary profile. */
export function chooseProfile(profile: ChosenProfile | null): void {
  if (profile) {
    sessionStorage.setItem(PROFILE_KEY, profile.key.trim());
    sessionStorage.setItem(PROFILE_TITLE, profile.title);
  } else {
    sessionStorage.removeItem(PROFILE_KEY);
    sessionStorage.removeItem(PROFILE_TITLE);
  }
}
