import type { Logger } from 'pino';

export interface Progress {
  /** One more file done (`bytes` of source data). */
  tick(failed: boolean, bytes: number): void;
  done(): void;
}

const LOG_EVERY_MS = 5_000;

/**
 * Progress of a known number of files: a bar redrawn in place on a terminal, else a structured
 * log line every few seconds (so CI logs and journald are not flooded with carriage returns).
 */
export function createProgress(total: number, label: string, log: Logger, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let bytes = 0;
  let lastLog = started;
  const tty = Boolean(stream.isTTY);
  const rate = () => {
    const s = Math.max(0.001, (Date.now() - started) / 1000);
    return { filesPerS: done / s, mbPerS: bytes / 1e6 / s };
  };
  const draw = () => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    const { filesPerS, mbPerS } = rate();
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files, ${failed} failed, ${filesPerS.toFixed(1)} files/s, ${mbPerS.toFixed(1)} MB/s `);
  };
  return {
    tick(isFailed, size) {
      done++;
      bytes += size;
      if (isFailed) failed++;
      if (tty) draw();
      else if (Date.now() - lastLog >= LOG_EVERY_MS) {
        lastLog = Date.now();
        log.info({ done, total, failed, ...rate() }, `${label}: ${done}/${total} files`);
      }
    },
    done() {
      if (tty) {
        draw();
        stream.write('\n');
      }
      log.info({ done, total, failed, seconds: (Date.now() - started) / 1000, ...rate() }, `${label} finished: ${done}/${total} files, ${failed} failed`);
    },
  };
}
