// The Level 2 sweep store (Zarr v2) at ingest: extra time in % of today's ingest of a volume and
// bytes stored against the raw Archive II size (bench/_sweep-store.ts), on the real KLOT volume.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { report } from './harness.js';
import { sweepStoreFigures } from './_sweep-store.js';

const DATA = process.env.RADOME_SAMPLE_DATA ?? join(process.cwd(), '..', 'shared', 'data');
const SAMPLE = join(DATA, 'nexrad', 'level2', 'KLOT20220317_000842_V06');

if (!existsSync(SAMPLE)) {
  console.error(`bench zarr: sample data not found under ${DATA} (set RADOME_SAMPLE_DATA)`);
  process.exit(0);
}
const { rows, runs } = await sweepStoreFigures(SAMPLE);
report('zarr', rows, { runs });
