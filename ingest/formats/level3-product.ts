import { decodeLevel3, type Level3Product } from '../decode/level3/index.js';
import { level3IngestPlanOf, planLevel3Product, type Level3Plan } from '../level3/plan.js';
import { asciiAt, type FileFormat } from './types.js';

/**
 * NEXRAD Level 3: a WMO heading (`SDUS54 KLOT 311106`) or a bare message header, whose block
 * divider (-1) sits at byte 18. The weakest test of all: the registry asks it last.
 */
export const level3Product: FileFormat<Level3Product, Level3Plan> = {
  id: 'level3',
  name: 'NEXRAD Level 3 product',
  test(bytes) {
    if (/^[A-Z]{4}\d{2} [A-Z]{4} \d{6}/.test(asciiAt(bytes, 0, 18))) return true;
    return bytes.length > 20 && bytes[18] === 0xff && bytes[19] === 0xff;
  },
  decode: decodeLevel3,
  plan: (bytes, object, options) => planLevel3Product(decodeLevel3(bytes), bytes, object, options),
  ingestPlan: level3IngestPlanOf,
};
