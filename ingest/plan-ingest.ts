import type { DecodedFile } from './decode/detect.js';
import { gnssIngestPlan } from './gnss/plan.js';
import { level2IngestPlan } from './level2/plan.js';
import { level3IngestPlan } from './level3/plan.js';
import type { IngestPlan, PlanOptions } from './plan-types.js';
import type { SourceObject } from './sources/types.js';

/** The ingest plan of a decoded file, by its format. Pure. */
export function planIngest(decoded: DecodedFile, file: SourceObject, options: PlanOptions): IngestPlan {
  switch (decoded.format) {
    case 'level2':
      return level2IngestPlan(decoded.volume, file, options);
    case 'level3':
      return level3IngestPlan(decoded.product, decoded.bytes, file, options);
    case 'rinex':
      return gnssIngestPlan(decoded.rinex, file, options);
  }
}
