import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths that may hold secrets: pino replaces them before anything is written. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["profile-key"]',
  'req.headers["x-twitter-oauth1-api-key"]',
  'req.headers["x-twitter-oauth1-api-secret"]',
  '*.credentials',
  '*.appPassword',
  '*.accessToken',
  '*.accessJwt',
  '*.refreshJwt',
  '*.password',
  '*.secretAccessKey',
  '*.botToken',
  // Webhook signing secrets (a registration body; never logged on purpose, redacted as a backstop).
  '*.secret',
  'secret',
  'secretAccessKey',
  'credentials',
  'apiKey',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'herald' } },
    destination,
  );
}
