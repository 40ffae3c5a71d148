import { unzipSync } from 'fflate';
import { RadomeError } from '../../../core/errors.js';
import { exceeded } from './decompression-budget.js';

/** RINEX observation file names: 2-digit year + o/d (plain/Hatanaka), or the long .rnx/.crx names. */
const OBSERVATION_NAME = /(\.\d\d[od]|_MO\.(rnx|crx)|\.(rnx|crx))(\.(gz|z|bz2))?$/i;

/**
 * Extracts the one member of a zip archive worth reading: the only file, or else the single
 * RINEX observation file among several (navigation or met files beside it are ignored).
 */
export function unzipMember(bytes: Uint8Array, maxOutputBytes: number): { name: string; bytes: Uint8Array } {
  checkEntryCount(bytes);
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
          `(${files
            .map((f) => f.name)
            .slice(0, 10)
            .join(', ')}); expected exactly one`,
      );
    }
    chosen = observations[0]!;
  }
  // fflate inflates into an array of the declared size and never past it: the declared size is the bound.
  if (chosen.originalSize > maxOutputBytes) throw exceeded(maxOutputBytes, `zip member ${chosen.name} (declared ${chosen.originalSize} bytes)`);
  let out: Uint8Array | undefined;
  try {
    out = unzipSync(bytes, { filter: (f) => f.name === chosen.name })[chosen.name];
  } catch (e) {
    // fflate inflates into a buffer of the declared size: writing past it is its RangeError.
    if (e instanceof RangeError) throw new RadomeError('CORRUPT', `zip member ${chosen.name} inflates past its declared size of ${chosen.originalSize} bytes`);
    throw zipError(e);
  }
  if (!out) throw new RadomeError('CORRUPT', `zip member ${chosen.name} could not be extracted`);
  return { name: chosen.name, bytes: out };
}

/** Smallest central directory entry (46 bytes plus name). */
const CENTRAL_ENTRY_BYTES = 46;
const END_RECORD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;

/**
 * fflate walks as many central directory entries as the end record states, past the data if it
 * must: a zip64 record claiming 4 billion entries would spin for minutes. A count the archive
 * cannot hold is refused first.
 */
function checkEntryCount(bytes: Uint8Array): void {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && dv.getUint32(end, true) !== END_RECORD) {
    if (bytes.length - end > 65_558) break;
    end--;
  }
  if (end < 0 || dv.getUint32(end, true) !== END_RECORD) return; // fflate reports the missing end record itself
  let count = dv.getUint16(end + 8, true);
  if (end >= 20 && dv.getUint32(end - 20, true) === ZIP64_LOCATOR) {
    const zip64End = dv.getUint32(end - 12, true);
    if (zip64End + 40 <= bytes.length) count = Math.max(count, dv.getUint32(zip64End + 32, true));
  }
  if (count * CENTRAL_ENTRY_BYTES > bytes.length) {
    throw new RadomeError('CORRUPT', `zip archive claims ${count} entries, more than its ${bytes.length} bytes can hold`);
  }
}

function zipError(e: unknown): RadomeError {
  const message = e instanceof Error ? e.message : String(e);
  if (/unknown compression|encrypt/i.test(message)) {
    return new RadomeError('UNSUPPORTED', `zip archive uses an unsupported feature: ${message}`, { cause: e });
  }
  const code = /unexpected EOF|end of/i.test(message) ? 'TRUNCATED' : 'CORRUPT';
  return new RadomeError(code, `zip archive is invalid: ${message}`, { cause: e });
}
