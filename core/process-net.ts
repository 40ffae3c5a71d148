import type { Logger } from 'pino';

let installed = false;

/**
 * The last net under every radome process (server, daemon, one-off commands): a promise rejection
 * nobody handled, or an exception thrown from a callback outside any request (a library's event or
 * timer), is logged as the bug it is and the process goes on. Requests and files fail on their own
 * (a resolver's or a file's error is a value, see core/errors.ts); this only keeps one such bug in
 * a rarely taken path from ending the server for everyone. Node's default would be to exit.
 */
export function installProcessNet(log: Logger): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    log.error({ err: describe(reason) }, 'a promise rejection nobody handled (a radome bug; please report it); going on');
  });
  process.on('uncaughtException', (error, origin) => {
    log.error({ err: describe(error), origin }, 'an exception nobody caught (a radome bug; please report it); going on');
  });
}

function describe(e: unknown): { message: string; code?: string; stack?: string } {
  if (e instanceof Error) return { message: e.message, ...('code' in e && typeof e.code === 'string' ? { code: e.code } : {}), stack: e.stack };
  return { message: String(e) };
}
