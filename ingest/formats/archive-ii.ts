import { decodeArchiveII, type Level2Volume } from '../decode/level2/index.js';
import { level2IngestPlanOf, planArchiveII, type Level2Plan } from '../level2/plan.js';
import { asciiAt, type FileFormat } from './types.js';

/** NEXRAD Level 2 (Archive II): starts with its volume header, `AR2V…` or `ARCHIVE2` in the oldest files. */
export const archiveII: FileFormat<Level2Volume, Level2Plan> = {
  id: 'level2',
  name: 'NEXRAD Level 2 volume',
  test(bytes) {
    const head = asciiAt(bytes, 0, 8);
    return head.startsWith('AR2V') || head === 'ARCHIVE2';
  },
  decode: (bytes) => decodeArchiveII(bytes),
  plan: (bytes, object, options, grids) => planArchiveII(bytes, object, options, grids),
  ingestPlan: level2IngestPlanOf,
};
