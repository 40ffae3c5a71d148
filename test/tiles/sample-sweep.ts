// The real KLOT sample volume, decoded once per test file, and its sweeps as tile sources.
import { readFileSync } from 'node:fs';
import { decodeArchiveII, type Level2Volume } from '../../ingest/decode/level2/index.js';
import { locationOf } from '../../ingest/level2/plan.js';
import { sampleFile, skipReason } from '../sample-data.js';

export const SAMPLE_LEVEL2 = 'nexrad/level2/KLOT20220317_000842_V06';
export const sampleLevel2Path = sampleFile(SAMPLE_LEVEL2);
if (!sampleLevel2Path) console.warn(skipReason(SAMPLE_LEVEL2));

let decoded: Level2Volume | undefined;
export function sampleVolume(): Level2Volume {
  decoded ??= decodeArchiveII(readFileSync(sampleLevel2Path!));
  return decoded;
}
export { locationOf };
