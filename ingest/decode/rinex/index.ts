/** radome's GNSS reader: RINEX observation files (2.x, 3.x, 4.x, Hatanaka, compressed) → SNR columns. */
export { readRinex, type ReadRinexResult } from './read-rinex.js';
export { parseRinexObs, createRinexObsParser, type RinexObsParser } from './obs-parser.js';
export { decodeHatanaka, HatanakaDecoder, isCompactRinex, type ChunkSink, type RecordSink } from './hatanaka.js';
export { ecefToGeodetic } from './geodetic.js';
export { isSnrCode, rinex3SnrCode } from './snr-codes.js';
export type * from './types.js';
