import { RadomeError } from '../../../core/errors.js';

/**
 * Default total decompressed size of one file, MiB. The largest inputs radome meets decompress
 * to far less: a Level 2 volume ~100 MB (records or a gzip-wrapped file), a daily 30 s
 * multi-GNSS RINEX 3 file ~30 MB, an hourly 1 Hz one ~30 MB, a Level 3 product < 1 MB. 512 MiB
 * leaves five times the largest while keeping a bomb's peak (the budget, plus one growth copy of
 * the last layer) under 1 GB. Daily 1 Hz RINEX files (~700 MB) need RADOME_MAX_DECOMPRESSED_MB raised.
 */
export const DEFAULT_MAX_DECOMPRESSED_MB = 512;

/**
 * The decompression budget of one file in bytes, from RADOME_MAX_DECOMPRESSED_MB (read at each
 * call, so pool threads, which inherit the environment, apply the same budget).
 */
export function maxDecompressedBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RADOME_MAX_DECOMPRESSED_MB;
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_DECOMPRESSED_MB * 2 ** 20;
  const mb = Number(raw);
  // 2 GiB is the most one typed array (one layer's output) can hold.
  if (!Number.isInteger(mb) || mb < 1 || mb > 2048) {
    throw new RadomeError('CONFIG', `RADOME_MAX_DECOMPRESSED_MB=${raw} is not a whole number of MiB in 1..2048`);
  }
  return mb * 2 ** 20;
}

/** What a file may still decompress to: each layer or record takes its output from what is left. */
export class DecompressionBudget {
  private used = 0;

  constructor(readonly limit: number = maxDecompressedBytes()) {}

  /** Bytes still allowed. */
  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  /** Counts `bytes` of output; TOO_LARGE once the total passes the limit. `what` names the output in the error. */
  spend(bytes: number, what: string): void {
    this.used += bytes;
    if (this.used > this.limit) throw exceeded(this.limit, what);
  }
}

/** The TOO_LARGE error of a decompressor whose output would pass `limit` bytes. */
export function exceeded(limit: number, what: string): RadomeError {
  return new RadomeError(
    'TOO_LARGE',
    `${what} decompresses to more than ${sizeText(limit)}, this file's decompression budget ` + `(a decompression bomb, or a real file larger than RADOME_MAX_DECOMPRESSED_MB allows)`,
  );
}

function sizeText(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${bytes} bytes`;
}
