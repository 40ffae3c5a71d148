import { RadomeError } from '../../core/errors.js';
import { unwrapContainers } from '../decode/containers/unwrap-containers.js';
import { archiveII } from './archive-ii.js';
import { gnssreflRefraction, gnssreflSnr, gnssreflStation } from './gnssrefl-files.js';
import { level3Product } from './level3-product.js';
import { rinexNavigation, sp3Orbits } from './orbit-files.js';
import { rinexObservations } from './rinex-observations.js';
import type { FileFormat } from './types.js';

/**
 * Every format radome recognises, asked in this order (the first whose test passes wins: Level 3's
 * byte-18 test is the weakest of the binary ones, so it comes after them; gnssrefl's plain-text
 * files, judged by their numbers, come after every format with a magic). A new format is one module and one line here.
 */
const FORMATS: FileFormat[] = [archiveII, rinexNavigation, rinexObservations, sp3Orbits, level3Product, gnssreflStation, gnssreflSnr, gnssreflRefraction];

/** The registered formats, in detection order. */
export function fileFormats(): readonly FileFormat[] {
  return FORMATS;
}

/**
 * Adds a format after the built-in ones (an embedding application's, or a test's). Plans made on
 * the daemon's worker threads see only the formats ./registry.ts lists, since each thread loads
 * this module afresh; `radome ingest files` plans on the calling thread and sees them all.
 */
export function registerFormat(format: FileFormat): void {
  if (FORMATS.some((f) => f.id === format.id)) throw new RadomeError('BAD_INPUT', `a format with id ${format.id} is already registered`);
  FORMATS.push(format);
}

/** The format a plan was tagged with; throws for an id no format has. */
export function formatById(id: string): FileFormat {
  const format = FORMATS.find((f) => f.id === id);
  if (!format) throw new RadomeError('UNSUPPORTED', `no registered format has id ${id}`);
  return format;
}

/** The format of plain (already unwrapped) bytes, from their content alone; null when none knows them. */
export function sniffFormat(bytes: Uint8Array): FileFormat | null {
  return FORMATS.find((f) => f.test(bytes)) ?? null;
}

/** A file's plain bytes (containers unwrapped) and their format. */
export interface IdentifiedFile {
  format: FileFormat;
  plain: Uint8Array;
}

/** Unwraps containers and recognises the format by content; TRUNCATED or UNRECOGNIZED otherwise. */
export function identifyRadomeFile(bytes: Uint8Array): IdentifiedFile {
  if (bytes.length === 0) throw new RadomeError('TRUNCATED', 'the file is empty');
  const plain = unwrapContainers(bytes).bytes;
  const format = sniffFormat(plain);
  if (!format) {
    const names = FORMATS.map((f) => f.name);
    throw new RadomeError('UNRECOGNIZED', `not a ${names.slice(0, -1).join(', ')} or ${names.at(-1)} (checked the content, not the name)`);
  }
  return { format, plain };
}
