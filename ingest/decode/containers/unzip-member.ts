import { unzipSync } from 'fflate';
import { RadomeError } from '../../../core/errors.js';

/** RINEX observation file names: 2-digit year + o/d (plain/Hatanaka), or the long .rnx/.crx names. */
const OBSERVATION_NAME = /(\.\d\d[od]|_MO\.(rnx|crx)|\.(rnx|crx))(\.(gz|z|bz2))?$/i;

/**
 * Extracts the one member of a zip archive worth reading: the only file, or else the single
 * RINEX observation file among several (navigation or met files beside it are ignored).
 */
export function unzipMember(bytes: Uint8Array, maxOutputBytes: number): { name: string; bytes: Uint8Array } {
  const files: { name: string; originalSize: number }[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith('/')) files.push({ name: f.name, originalSize: f.originalSize });
        return false;
      },
    });
  } catch (e) {
    throw zipError(e);
  }
  if (files.length === 0) throw new RadomeError('CORRUPT', 'zip archive holds no files');
  let chosen = files[0]!;
  if (files.length > 1) {
    const observations = files.filter((f) => OBSERVATION_NAME.test(f.name));
    if (observations.length !== 1) {
      throw new RadomeError(
        'UNSUPPORTED',
        `zip archive holds ${files.length} files and ${observations.length} look like RINEX observations ` +
          `(${files.map((f) => f.name).slice(0, 10).join(', ')}); expected exactly one`,
      );
    }
    chosen = observations[0]!;
  }
  if (chosen.originalSize > maxOutputBytes) {
    throw new RadomeError('CORRUPT', `zip member ${chosen.name} declares ${chosen.originalSize} bytes, beyond the limit`);
  }
  let out: Uint8Array | undefined;
  try {
    out = unzipSync(bytes, { filter: (f) => f.name === chosen.name })[chosen.name];
  } catch (e) {
    throw zipError(e);
  }
  if (!out) throw new RadomeError('CORRUPT', `zip member ${chosen.name} could not be extracted`);
  return { name: chosen.name, bytes: out };
}

function zipError(e: unknown): RadomeError {
  const message = e instanceof Error ? e.message : String(e);
  if (/unknown compression|encrypt/i.test(message)) {
    return new RadomeError('UNSUPPORTED', `zip archive uses an unsupported feature: ${message}`, { cause: e });
  }
  const code = /unexpected EOF|end of/i.test(message) ? 'TRUNCATED' : 'CORRUPT';
  return new RadomeError(code, `zip archive is invalid: ${message}`, { cause: e });
}
