// JSON logging with pino. Redaction is configured here once so that no key, token, cookie or secret can
// reach the log even if a caller passes a whole header object by mistake. In development the same lines
// can be re-drawn for people (`format: 'pretty'`); production keeps one JSON object per line.
import { type Logger, pino } from 'pino';
import { createPrettyStream } from './log-pretty.js';

export type { Logger } from 'pino';

const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'id_token',
  '*.id_token',
  'code',
  '*.code_verifier',
  'client_secret',
  '*.client_secret',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["x-goog-api-key"]',
  'secret',
  '*.secret',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to capture lines. */
  destination?: NodeJS.WritableStream;
  /** `json` (default) or `pretty`: readable lines for a terminal, coloured when `color` is set. */
  format?: 'json' | 'pretty';
  color?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = {
    level: options.level ?? 'info',
    base: { service: 'image-studio' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.format === 'pretty')
    return pino(base, createPrettyStream(options.destination, { color: options.color ?? false }));
  return options.destination === undefined ? pino(base) : pino(base, options.destination);
}

/** A logger that drops everything, for unit tests that do not look at logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
