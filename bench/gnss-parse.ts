/**
 * GNSS reader throughput (see _gnss-reader.ts): parse, Hatanaka, LZW and bzip2, in MB/s.
 *
 *   npm run bench -- gnss-parse
 */
import { readerThroughput } from './_gnss-reader.js';
import { peakRssMb, report } from './harness.js';

const { rows, extra } = await readerThroughput();
report('gnss-parse', rows, { ...extra, peakRssMb: peakRssMb() });
