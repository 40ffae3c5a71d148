// Synthetic Level 2 commits for bench/postgres.ts and its writer processes: `days` days of
// volumes every 30 minutes at three sites, 27 sweeps each (9 elevations × 3 moments).
import type { SweepId } from '../core/vocabulary/index.js';
import type { CommitLevel2VolumeInput, SweepRow } from '../store/catalog/index.js';
import { makeVolume } from '../test/store/catalog-fixtures.js';

export const T0 = Date.UTC(2024, 4, 20, 0, 2);
export const DAY = 86_400_000;
const VOLUMES_PER_DAY = 48;
const SITES = ['KLOT', 'KTLX', 'KAMX'];

export function benchVolumes(days: number): CommitLevel2VolumeInput[] {
  const out: CommitLevel2VolumeInput[] = [];
  for (let d = 0; d < days; d++) {
    for (let v = 0; v < VOLUMES_PER_DAY; v++) {
      for (const site of SITES) {
        const input = makeVolume({ site, start: T0 + d * DAY + v * 1_800_000 });
        const extra: SweepRow[] = [];
        for (let e = 4; e <= 9; e++) for (const s of input.sweeps.filter((s) => s.elevationNumber === 1)) extra.push({ ...s, id: s.id.replace('e01', `e0${e}`) as SweepId, elevationNumber: e });
        input.sweeps.push(...extra);
        out.push(input);
      }
    }
  }
  return out;
}
