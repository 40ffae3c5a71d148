import { RadomeError } from '../../core/errors.js';
import { mergeSnrObservations } from '../../store/gnss/snr-merge.js';
import { decodeSnrParquet } from '../../store/gnss/snr-parquet.js';
import { dayString } from '../../store/gnss/snr-keys.js';
import { objectBytes } from '../../store/objects/object-body.js';
import type { StoredData } from '../plan-types.js';
import { planGnssDay } from './plan-day.js';
import type { GnssPlan } from './plan.js';

/**
 * Merges each station-day of `plan` that the catalog already holds from files spanning other
 * times of the day (hourly files, say) with what is stored: the union of observations, this file
 * winning where both have a satellite × code × epoch. A file spanning everything stored for
 * the day replaces it. The plan's objects and rows are
 * replaced in place, so its commit writes the whole day. A day whose catalog row points at a
 * missing object is written from this file alone.
 */
export async function mergeStoredDays(plan: GnssPlan, stored: StoredData): Promise<void> {
  const station = plan.station.id;
  for (let i = 0; i < plan.days.length; i++) {
    const { row } = plan.days[i]!;
    const existing = (await stored.catalog.gnss.days(station, row.day, row.day))[0];
    // A file spanning all the day holds so far is that day again (re-published, or the same
    // epochs in another RINEX version): it replaces it rather than adding to it.
    if (!existing || (row.firstTime <= existing.firstTime && row.lastTime >= existing.lastTime)) continue;
    const where = `${station} ${dayString(row.day)}`;
    if (existing.timeSystem !== row.timeSystem) {
      throw new RadomeError('BAD_INPUT', `station-day ${where} is stored in time system ${existing.timeSystem} but this file's observations are in ${row.timeSystem}; their epochs cannot be merged`);
    }
    const body = await stored.getObject(existing.objectKey);
    if (!body) continue;
    const older = await decodeSnrParquet(body, existing.objectKey);
    const newer = await decodeSnrParquet(objectBytes(plan.objects[i]!.body), `${where} from ${row.sourceKey}`);
    const observations = mergeSnrObservations(older, newer);
    const merged = planGnssDay(station, row.day, observations, row);
    plan.observations[i] = observations;
    plan.objects[i] = merged.object;
    plan.days[i] = merged.commit;
  }
}
