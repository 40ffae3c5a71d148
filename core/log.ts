import { pino, type Logger } from 'pino';

/** Structured JSON logs on stderr (stdout stays free for command output). */
export function createLogger(name = 'radome'): Logger {
  return pino({ name, level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
}
