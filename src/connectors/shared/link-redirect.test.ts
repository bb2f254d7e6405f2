import { describe, expect, it } from 'vitest';
import { redirectRefusal } from './link-redirect.ts';

describe('a redirect at link time', () => {
  it.each([301, 302, 303, 307, 308])('%i is refused, naming where it pointed', (status) => {
    const reason = redirectRefusal(status, new Headers({ location: 'http://127.0.0.1/x' }));
    expect(reason).toBe(
      `it answered a redirect (HTTP ${status} to http://127.0.0.1/x), which Herald does not follow: give the server's own https address`,
    );
  });
  it.each([200, 299, 400, 401, 500, 502])('%i is not a redirect', (status) => {
    expect(redirectRefusal(status, new Headers())).toBeUndefined();
  });
});
