import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';

/**
 * The server's structured log: one JSON object per line (pino) on stdout, or on `destination` (tests). Secrets are
 * never logged: the Authorization header is not read into any log record, and `redact` removes it should a request
 * object ever be logged whole.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'quadrant' },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.apiKey'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}
