import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Secrets and personal data are redacted by path so that a careless
 * `log.info({ body })` never writes a password or a token.
 */
export const REDACT_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'refreshToken',
  'accessToken',
  'apiKey',
  'secret',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.refreshToken',
  '*.accessToken',
  '*.apiKey',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'leadforge' } },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything: for tests and for CLI commands that print to stdout. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
