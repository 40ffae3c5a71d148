import { RadomeError } from '../../core/errors.js';
import { unwrapContainers } from './containers/unwrap-containers.js';
import { sniffGnssreflFile } from './gnssrefl/sniff.js';

export type RadomeFileFormat = 'level2' | 'level3' | 'rinex' | 'rinex-nav' | 'sp3' | 'gnssrefl-snr' | 'gnssrefl-station' | 'gnssrefl-refraction';

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

/**
 * The format of plain (already unwrapped) bytes, from their content alone: Archive II starts with
 * its volume header (`AR2V`, or `ARCHIVE2` in the oldest files); Level 3 with a WMO heading
 * (`SDUS…`) or a message header whose block divider (-1) sits at byte 18; RINEX and compact
 * RINEX name themselves in the first header line, whose file type (column 21) tells navigation
 * data (N, G, H) from observations; SP3 starts with `#c` or `#d` and P or V.
 */
export function sniffFormat(bytes: Uint8Array): RadomeFileFormat | null {
  const head = ascii(bytes, 0, 8);
  if (head.startsWith('AR2V') || head === 'ARCHIVE2') return 'level2';
  const firstLine = ascii(bytes, 0, 82);
  if (/RINEX VERSION \/ TYPE/.test(firstLine) && isNavigationType(firstLine)) return 'rinex-nav';
  if (/RINEX VERSION \/ TYPE|CRINEX VERS {3}\/ TYPE/.test(firstLine)) return 'rinex';
  if (/^#[cd][PV]\d{4} /.test(firstLine)) return 'sp3';
  if (/^[A-Z]{4}\d{2} [A-Z]{4} \d{6}/.test(head + ascii(bytes, 8, 18))) return 'level3';
  if (bytes.length > 20 && bytes[18] === 0xff && bytes[19] === 0xff) return 'level3';
  return sniffGnssreflFile(bytes);
}

/** Navigation files are type N, or G (GLONASS) and H (SBAS) in RINEX 2 and early RINEX 3. */
function isNavigationType(firstLine: string): boolean {
  const type = firstLine.charAt(20).toUpperCase();
  return type === 'N' || type === 'G' || type === 'H';
}

/** A file's plain bytes (containers unwrapped) and their format. */
export interface IdentifiedFile {
  format: RadomeFileFormat;
  plain: Uint8Array;
}

/** Unwraps containers and recognises the format by content; TRUNCATED or UNRECOGNIZED otherwise. */
export function identifyRadomeFile(bytes: Uint8Array): IdentifiedFile {
  if (bytes.length === 0) throw new RadomeError('TRUNCATED', 'the file is empty');
  const plain = unwrapContainers(bytes).bytes;
  const format = sniffFormat(plain);
  if (!format) throw new RadomeError('UNRECOGNIZED', 'not a NEXRAD Level 2 volume, Level 3 product, RINEX, SP3 or gnssrefl file (checked the content, not the name)');
  return { format, plain };
}
