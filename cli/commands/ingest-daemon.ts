import { loadConfig } from '../../core/config.js';
import { loadDaemonConfig } from '../../core/daemon-config.js';
import { runIngestDaemon } from '../../ingest/daemon.js';
import { openIngestContext } from '../runtime.js';

/** `radome ingest run`: the daemon until SIGINT/SIGTERM (a second signal exits at once). */
export async function runDaemon(): Promise<number> {
  const config = loadConfig();
  const daemon = loadDaemonConfig();
  const ctx = await openIngestContext(config);
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    ctx.log.info('stopping: finishing files in flight (signal again to exit at once)');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await runIngestDaemon(ctx, config, stop.signal, daemon);
    return 0;
  } finally {
    await ctx.close();
  }
}
