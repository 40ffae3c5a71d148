import { unwrapContainers, type UnwrapOptions } from '../containers/unwrap-containers.js';
import { HatanakaDecoder, isCompactRinex } from './hatanaka.js';
import { createRinexObsParser } from './obs-parser.js';
import type { RinexObsResult } from './types.js';

export interface ReadRinexResult extends RinexObsResult {
  /** Containers removed outermost first, then 'hatanaka' when the content was compact RINEX. */
  layers: string[];
}

/**
 * Reads a RINEX observation file as archives serve it: containers (gzip, bzip2, zip, .Z) are
 * removed by magic bytes, Hatanaka compact RINEX is recognised by its first line and decoded
 * straight into the parser: header and epoch lines as text, observation records as numbers
 * (no RINEX text is formatted for them, nor parsed back), and only their SNR fields integrated.
 */
export function readRinex(bytes: Uint8Array, options: UnwrapOptions = {}): ReadRinexResult {
  const { bytes: plain, layers } = unwrapContainers(bytes, options);
  const parser = createRinexObsParser();
  if (isCompactRinex(plain)) {
    const decoder = new HatanakaDecoder(
      (chunk) => parser.push(chunk),
      undefined,
      (satId, values, count) => parser.decodedRecord(satId, values, count),
      true,
    );
    decoder.push(plain);
    decoder.finish();
    layers.push('hatanaka');
  } else {
    parser.push(plain);
  }
  return { ...parser.finish(), layers };
}
