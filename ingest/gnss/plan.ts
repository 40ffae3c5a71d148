import { RadomeError } from '../../core/errors.js';
import { constellationIndex, satelliteKey } from '../../store/gnss/satellites.js';
import { encodeSnrParquet, type SnrObservations } from '../../store/gnss/snr-parquet.js';
import { dayOf, dayString, snrParquetKey } from '../../store/gnss/snr-keys.js';
import type { GnssDayCommit, GnssStationRow } from '../../store/types.js';
import type { ReadRinexResult } from '../decode/rinex/index.js';
import type { IngestPlan, PlannedObject, PlanOptions } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';
import { buildSnrRollups } from './rollups.js';
import { stationNameOf } from './station-name.js';

export interface GnssPlan {
  station: GnssStationRow;
  days: GnssDayCommit[];
  /** One Parquet object per station-day; written before the rows. */
  objects: PlannedObject[];
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
    if (base === 0 || snr.satPrn[i]! > 99) continue;
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
  for (const day of [...all].sort((a, b) => a - b)) days.set(day, select(obs, (i) => dayOf(obs.times[i]!) === day));
  return days;
}

function epochCount(obs: SnrObservations): number {
  let count = 0;
  let last = NaN;
  for (let i = 0; i < obs.count; i++) {
    if (obs.times[i] !== last) count++;
    last = obs.times[i]!;
  }
  return count;
}

function timeRange(obs: SnrObservations): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < obs.count; i++) {
    const t = obs.times[i]!;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return [min, max];
}

/**
 * A decoded RINEX file → one Parquet object and one set of rollups per GPS day it covers. Pure:
 * the caller writes the objects, then commits the rows. Times stay in the file's time system.
 */
export function planGnssFile(rinex: ReadRinexResult, file: SourceObject, options: Pick<PlanOptions, 'ingestedAt'>): GnssPlan {
  const { header } = rinex;
  const name = stationNameOf(header, file.key);
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
  for (const [day, dayObs] of splitByDay(obs)) {
    const key = snrParquetKey(name.id, day);
    const body = encodeSnrParquet(dayObs, { station: name.id, day: dayString(day), time_system: header.timeSystem, source: file.key });
    objects.push({ key, body, contentType: 'application/vnd.apache.parquet' });
    const [firstTime, lastTime] = timeRange(dayObs);
    days.push({
      row: {
        station: name.id,
        day,
        objectKey: key,
        source: file.source,
        sourceKey: file.key,
        firstTime,
        lastTime,
        epochCount: epochCount(dayObs),
        observationCount: dayObs.count,
        satelliteCount: new Set(dayObs.satellites).size,
        timeSystem: header.timeSystem,
        ingestedAt: options.ingestedAt,
      },
      codes: dayObs.codes,
      rollups: buildSnrRollups(dayObs, day),
    });
  }
  return { station, days, objects };
}

/** The RINEX file as an ingest plan: its station-days' Parquet objects, then station, days and rollups. */
export function gnssIngestPlan(rinex: ReadRinexResult, file: SourceObject, options: Pick<PlanOptions, 'ingestedAt'>): IngestPlan {
  return gnssIngestPlanOf(planGnssFile(rinex, file, options));
}

/** A GNSS plan (e.g. made on a worker thread) as an ingest plan. */
export function gnssIngestPlanOf(plan: GnssPlan): IngestPlan {
  const dayList = plan.days.map((d) => dayString(d.row.day));
  const values = plan.days.reduce((s, d) => s + d.row.observationCount, 0);
  return {
    kind: 'gnss',
    id: `${plan.station.id}/${dayList.join(',')}`,
    summary: `${values} SNR values, ${dayList.length} station-day${dayList.length === 1 ? '' : 's'}`,
    objects: plan.objects,
    commit: (catalog, fileRow) => catalog.commitGnssDays({ file: fileRow, station: plan.station, days: plan.days }),
  };
}
