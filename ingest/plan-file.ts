import { identifyRadomeFile } from './decode/detect.js';
import type { GridPool } from './decode/level2/index.js';
import { decodeLevel3 } from './decode/level3/index.js';
import { readRinex } from './decode/rinex/index.js';
import { planGnssreflSnrFile, planStationSettingsFile, stationSettingsIngestPlanOf, type StationSettingsPlan } from './gnss/gnssrefl-plan.js';
import { orbitIngestPlanOf, planOrbitFile, type OrbitPlan } from './gnss/orbit-plan.js';
import { gnssIngestPlanOf, planGnssFile, type GnssPlan } from './gnss/plan.js';
import { level2IngestPlanOf, planArchiveII, type Level2Plan } from './level2/plan.js';
import { level3IngestPlanOf, planLevel3Product, type Level3Plan } from './level3/plan.js';
import type { IngestPlan, PlanOptions } from './plan-types.js';
import type { SourceObject } from './sources/types.js';

/** A file's plan as plain data (typed arrays, strings, numbers): what a pool thread hands back. */
export type PlainPlan = { kind: 'level2'; plan: Level2Plan } | { kind: 'level3'; plan: Level3Plan } | { kind: 'gnss'; plan: GnssPlan } | { kind: 'orbits'; plan: OrbitPlan } | { kind: 'gnss-settings'; plan: StationSettingsPlan };

/**
 * Recognises any radome file by content (containers unwrapped), decodes it and plans its objects
 * and rows. Pure and synchronous; throws RadomeError. `grids` lends Level 2 grid memory (see
 * planArchiveII); the caller releases it afterwards.
 */
export function planRadomeFile(bytes: Uint8Array, object: SourceObject, options: PlanOptions, grids: GridPool | null = null): PlainPlan {
  const { format, plain } = identifyRadomeFile(bytes);
  switch (format) {
    case 'level2':
      return { kind: 'level2', plan: planArchiveII(plain, object, options, grids) };
    case 'level3':
      return { kind: 'level3', plan: planLevel3Product(decodeLevel3(plain), plain, object, options) };
    case 'rinex':
      return { kind: 'gnss', plan: planGnssFile(readRinex(plain), object, options) };
    case 'rinex-nav':
    case 'sp3':
      return { kind: 'orbits', plan: planOrbitFile(format, plain, object, options) };
    case 'gnssrefl-snr':
      return { kind: 'gnss', plan: planGnssreflSnrFile(plain, object, options) };
    case 'gnssrefl-station':
    case 'gnssrefl-refraction':
      return { kind: 'gnss-settings', plan: planStationSettingsFile(format, plain, object) };
  }
}

/** A plain plan (made in this thread or another) as the ingest plan that writes and commits it. */
export function ingestPlanOf(plain: PlainPlan): IngestPlan {
  switch (plain.kind) {
    case 'level2':
      return level2IngestPlanOf(plain.plan);
    case 'level3':
      return level3IngestPlanOf(plain.plan);
    case 'gnss':
      return gnssIngestPlanOf(plain.plan);
    case 'orbits':
      return orbitIngestPlanOf(plain.plan);
    case 'gnss-settings':
      return stationSettingsIngestPlanOf(plain.plan);
  }
}
