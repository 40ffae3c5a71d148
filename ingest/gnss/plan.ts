import { RadomeError } from '../../core/errors.js';
import { constellationIndex, satelliteKey } from '../../store/gnss/satellites.js';
import type { SnrObservations } from '../../store/gnss/snr-parquet.js';
import { dayOf, dayString } from '../../store/gnss/snr-keys.js';
import type { GnssDayCommit, GnssStationRow } from '../../store/catalog/index.js';
import type { ReadRinexResult } from '../decode/rinex/index.js';
import type { IngestPlan, PlannedObject, PlanOptions } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';
import type { StoredData } from '../plan-types.js';
import { dayOrbits, stationDayGeometry } from './day-orbits.js';
import { mergeStoredDays } from './merge-stored-days.js';
import { orbitDayLock } from './orbit-plan.js';
import { addDayGeometry, planGnssDay } from './plan-day.js';
import { stationNameOf } from './station-name.js';

export interface GnssPlan {
  station: GnssStationRow;
  days: GnssDayCommit[];
  /** One Parquet object per station-day (objects[i] is days[i]'s); written before the rows. */
  objects: PlannedObject[];
  /** The observations of each station-day (observations[i] is days[i]'s), for geometry at reconcile. */
  observations: SnrObservations[];
}

/** The reader's SNR columns with satellites as satelliteKey(); rows of unknown systems dropped. */
function observationsOf(rinex: ReadRinexResult): SnrObservations {
  const { snr } = rinex;
  const keyOfSystem = new Uint16Array(256);
  for (let c = 0; c < 256; c++) keyOfSystem[c] = satelliteKey(constellationIndex(String.fromCharCode(c)), 0);
  const satellites = new Uint16Array(snr.count);
  let kept = 0;
  for (let i = 0; i < snr.count; i++) {
    const base = keyOfSystem[snr.satSystem[i]!]!;
    // The reader already drops invalid ids (PRN 00 is no satellite, but key base + 0 is a rollup total).
    if (base === 0 || snr.satPrn[i]! < 1 || snr.satPrn[i]! > 99) continue;
    satellites[i] = base + snr.satPrn[i]!;
    kept++;
  }
  const obs = { count: snr.count, times: snr.times, satellites, codeIndex: snr.codeIndex, codes: snr.codes, values: snr.values };
  return kept === snr.count ? obs : select(obs, (i) => satellites[i] !== 0);
}

/** The rows of `obs` for which `keep(i)` holds, as new columns. */
function select(obs: SnrObservations, keep: (i: number) => boolean): SnrObservations {
  const index: number[] = [];
  for (let i = 0; i < obs.count; i++) if (keep(i)) index.push(i);
  const n = index.length;
  const out: SnrObservations = {
    count: n,
    times: new Float64Array(n),
    satellites: new Uint16Array(n),
    codeIndex: new Uint8Array(n),
    codes: obs.codes,
    values: new Float32Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = index[k]!;
    out.times[k] = obs.times[i]!;
    out.satellites[k] = obs.satellites[i]!;
    out.codeIndex[k] = obs.codeIndex[i]!;
    out.values[k] = obs.values[i]!;
  }
  return out;
}

/** Splits observations by GPS day (archives cut files by GPS day; a file may still span two). */
function splitByDay(obs: SnrObservations): Map<number, SnrObservations> {
  const days = new Map<number, SnrObservations>();
  if (obs.count === 0) return days;
  const first = dayOf(obs.times[0]!);
  let single = true;
  for (let i = 1; i < obs.count && single; i++) single = dayOf(obs.times[i]!) === first;
  if (single) return days.set(first, obs);
  const all = new Set<number>();
  for (let i = 0; i < obs.count; i++) all.add(dayOf(obs.times[i]!));
  for (const day of [...all].sort((a, b) => a - b))
    days.set(
      day,
      select(obs, (i) => dayOf(obs.times[i]!) === day),
    );
  return days;
}

/**
 * A decoded RINEX file → one Parquet object and one set of rollups per GPS day it covers. Pure:
 * the caller writes the objects, then commits the rows. Times stay in the file's time system.
 */
export function planGnssFile(rinex: ReadRinexResult, file: SourceObject, options: Pick<PlanOptions, 'ingestedAt'>): GnssPlan {
  const { header } = rinex;
  const name = stationNameOf(header, file.key, file.station);
  const obs = observationsOf(rinex);
  if (obs.count === 0) {
    throw new RadomeError('UNSUPPORTED', `the file has no signal-strength observations (no S1, S2, S1C … values) for station ${name.id}; nothing to store`);
  }
  const station: GnssStationRow = {
    id: name.id,
    name: header.markerName?.trim() || null,
    longName: name.longName,
    latitude: header.approxPosition?.latitude ?? null,
    longitude: header.approxPosition?.longitude ?? null,
    heightM: header.approxPosition?.heightM ?? null,
    receiverType: header.receiver?.type.trim() || null,
    antennaType: header.antenna?.type.trim() || null,
  };
  const objects: PlannedObject[] = [];
  const days: GnssDayCommit[] = [];
  const observations: SnrObservations[] = [];
  const from = { source: file.source, sourceKey: file.key, timeSystem: header.timeSystem, ingestedAt: options.ingestedAt };
  for (const [day, dayObs] of splitByDay(obs)) {
    const planned = planGnssDay(name.id, day, dayObs, from);
    objects.push(planned.object);
    days.push(planned.commit);
    observations.push(dayObs);
  }
  return { station, days, objects, observations };
}

/**
 * Gives each station-day of the plan whose orbits are stored its elevation, azimuth and edot
 * (precise orbits preferred): its object written again with the geometry columns and its
 * elevation rollups added (the rest of the day's plan is kept); days without orbits keep none.
 */
async function addStoredOrbitGeometry(plan: GnssPlan, stored: StoredData): Promise<void> {
  for (let i = 0; i < plan.days.length; i++) {
    const { row } = plan.days[i]!;
    const orbits = await dayOrbits(await stored.catalog.gnss.orbits(row.day, row.day), stored.getObject);
    if (!orbits) continue;
    const obs = plan.observations[i]!;
    const geometry = stationDayGeometry(obs, plan.station, row.timeSystem, orbits.orbits);
    if (!geometry) continue;
    const withGeometry = { ...obs, geometry };
    const planned = addDayGeometry({ object: plan.objects[i]!, commit: plan.days[i]! }, withGeometry, orbits.kind);
    plan.objects[i] = planned.object;
    plan.days[i] = planned.commit;
    plan.observations[i] = withGeometry;
  }
}

/**
 * A GNSS plan (e.g. made on a worker thread) as an ingest plan. Station-days already in the
 * catalog (an earlier hourly file of the day, say) are merged with the file's before anything
 * is written, one file at a time per station-day.
 */
export function gnssIngestPlanOf(plan: GnssPlan): IngestPlan {
  const dayList = plan.days.map((d) => dayString(d.row.day));
  const values = plan.days.reduce((s, d) => s + d.row.observationCount, 0);
  return {
    kind: 'gnss',
    id: `${plan.station.id}/${dayList.join(',')}`,
    summary: `${values} SNR values, ${dayList.length} station-day${dayList.length === 1 ? '' : 's'}`,
    objects: plan.objects,
    locks: plan.days.map((d) => `gnss/${plan.station.id}/${d.row.day}`),
    // Shared: SNR files of other stations on the same day go on together; an orbit file of the day waits for them all.
    sharedLocks: plan.days.map((d) => orbitDayLock(d.row.day)),
    reconcile: async (stored) => {
      await mergeStoredDays(plan, stored);
      await addStoredOrbitGeometry(plan, stored);
    },
    commit: (writer, fileRow) => writer.gnss.commitDays({ file: fileRow, station: plan.station, days: plan.days }),
  };
}
