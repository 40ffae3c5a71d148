import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Logs go to stderr (stdout stays free for command output): human-readable on a terminal (coloured
 * level, time, message, key fields, by pino-pretty), JSON lines otherwise or with LOG_FORMAT=json
 * (LOG_FORMAT=pretty forces the readable form).
 */
export function createLogger(name = 'radome', env: NodeJS.ProcessEnv = process.env, stderr: { isTTY?: boolean } = process.stderr): Logger {
  const options = { name, level: env.LOG_LEVEL ?? 'info' };
  return pino(options, wantsPretty(env, stderr) ? prettyStream() : pino.destination(2));
}

export function wantsPretty(env: NodeJS.ProcessEnv, stderr: { isTTY?: boolean }): boolean {
  const format = env.LOG_FORMAT?.toLowerCase();
  if (format === 'json') return false;
  if (format === 'pretty') return true;
  return Boolean(stderr.isTTY);
}

type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

/**
 * pino-pretty in this thread, writing synchronously (no transport worker to start), loaded only
 * when a terminal wants it: JSON logging never pays for it.
 */
function prettyStream(): DestinationStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as PrettyFactory;
  return pretty({ destination: 2, sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true });
}
