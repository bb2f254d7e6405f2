import type { FakeAnswer } from './errors.ts';

/**
 * Google's OAuth token endpoint (`POST /token`, form-encoded), refresh grant only:
 * `{access_token, expires_in, scope, token_type}`, or the flat OAuth error
 * `{error, error_description}` (400 invalid_grant for an expired or revoked refresh token).
 */
export class FakeGoogleOAuth {
  readonly clientId = 'fake-client.apps.googleusercontent.com';
  readonly clientSecret = 'GOCSPX-fake-secret';
  refreshToken = '1//fake-refresh-token';
  revoked = false;
  /** Refresh grants answered with a new token. */
  refreshes = 0;
  /** Access tokens Google no longer accepts (expired). */
  readonly expired = new Set<string>();

  constructor(private readonly issue: (token: string) => void) {}

  exchange(contentType: string | undefined, body: Buffer): FakeAnswer {
    if (!contentType?.startsWith('application/x-www-form-urlencoded'))
      return this.error(400, 'invalid_request', 'Invalid Content-Type.');
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('grant_type') !== 'refresh_token')
      return this.error(400, 'unsupported_grant_type', 'Invalid grant_type.');
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret)
      return this.error(401, 'invalid_client', 'Unauthorized');
    if (this.revoked || form.get('refresh_token') !== this.refreshToken)
      return this.error(400, 'invalid_grant', 'Token has been expired or revoked.');
    this.refreshes += 1;
    const token = `ya29.refreshed-${this.refreshes}`;
    this.issue(token);
    return {
      status: 200,
      body: {
        access_token: token,
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/youtube.upload',
        token_type: 'Bearer',
      },
    };
  }

  private error(status: number, error: string, description: string): FakeAnswer {
    return { status, body: { error, error_description: description } };
  }
}
