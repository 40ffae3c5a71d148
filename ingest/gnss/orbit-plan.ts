import { RadomeError } from '../../core/errors.js';
import { parseGnssStationId } from '../../core/vocabulary/index.js';
import { decodeSnrParquet } from '../../store/gnss/snr-parquet.js';
import { dayOf, dayString, yearDoy } from '../../store/gnss/snr-keys.js';
import { objectBytes } from '../../store/objects/object-body.js';
import type { CommitGnssOrbitsInput, GnssOrbitKind, GnssOrbitRow } from '../../store/catalog/index.js';
import { readRinexNav, readSp3 } from '../decode/orbits/index.js';
import type { IngestPlan, PlannedObject, PlanOptions, StoredData } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';
import { dayOrbits, orbitSourceOf, stationDayGeometry } from './day-orbits.js';
import { planGnssDay } from './plan-day.js';

/** An orbit file as plain data: its object (the file's plain bytes) and one catalog row per day it covers. */
export interface OrbitPlan {
  kind: GnssOrbitKind;
  object: PlannedObject;
  rows: GnssOrbitRow[];
  summary: string;
}

/** A day counts as covered by a file when it holds at least this share of the file's epochs (navigation files carry a few of the next day's). */
const DAY_SHARE = 0.1;
/** Days since 1970 of the GPS epoch (1980-01-06) and of 2100-01-01: the span of GNSS times a file can carry. */
const FIRST_GNSS_DAY = 3657;
const LAST_GNSS_DAY = 47482;

/** Container suffixes dropped from stored names: the object holds the plain bytes. */
const CONTAINER_SUFFIX = /\.(gz|Z|bz2|zip)$/i;

/** `gnss/orbits/year=…/doy=…/<kind>/<file name>`, Hive-partitioned like the SNR objects. */
export function orbitObjectKey(day: number, kind: GnssOrbitKind, sourceKey: string): string {
  const { year, doy } = yearDoy(day);
  const name = (sourceKey.split(/[\\/]/).pop() ?? 'orbits').replace(CONTAINER_SUFFIX, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'orbits';
  return `gnss/orbits/year=${year}/doy=${String(doy).padStart(3, '0')}/${kind}/${name}`;
}

/**
 * A navigation or SP3 file (plain bytes, format known) → its object and catalog rows. Pure.
 * The days are GPS days of its epochs (SP3) or ephemeris reference times (navigation).
 */
export function planOrbitFile(format: 'rinex-nav' | 'sp3', plain: Uint8Array, file: SourceObject, options: Pick<PlanOptions, 'ingestedAt'>): OrbitPlan {
  let times: ArrayLike<number>;
  let satellites: number;
  let what: string;
  let warnings: number;
  if (format === 'sp3') {
    const sp3 = readSp3(plain);
    const valid = sp3.epochs.filter((_t, e) => sp3.satellites.some((_, s) => !Number.isNaN(sp3.positions[(s * sp3.epochs.length + e) * 3]!)));
    times = valid;
    satellites = sp3.satellites.length;
    what = `SP3-${sp3.version} orbits, ${satellites} satellites, ${sp3.epochs.length} epochs`;
    warnings = sp3.warnings.reduce((n, w) => n + w.count, 0);
  } else {
    const nav = readRinexNav(plain);
    times = [...nav.kepler.map((e) => e.toeMs), ...nav.glonass.map((e) => e.tbMs)];
    satellites = new Set([...nav.kepler.map((e) => `${e.system}${e.prn}`), ...nav.glonass.map((e) => `R${e.prn}`)]).size;
    what = `RINEX ${nav.version} navigation, ${nav.kepler.length + nav.glonass.length} ephemerides of ${satellites} satellites`;
    warnings = nav.warnings.reduce((n, w) => n + w.count, 0);
  }
  if (times.length === 0) throw new RadomeError('UNSUPPORTED', `${what}: the file has no usable orbit (no ephemeris or SP3 position); nothing to store`);
  const perDay = new Map<number, number>();
  for (let i = 0; i < times.length; i++) perDay.set(dayOf(times[i]!), (perDay.get(dayOf(times[i]!)) ?? 0) + 1);
  // GNSS days only: a damaged record can put its epoch centuries away (found by the fuzz run:
  // a toe of 2.9e47 ms, beyond the catalog's integer times); such epochs count for no day and
  // bound no time range.
  const plausible = [...perDay].filter(([d, n]) => n >= DAY_SHARE * times.length && d >= FIRST_GNSS_DAY && d < LAST_GNSS_DAY);
  if (plausible.length === 0) {
    throw new RadomeError('CORRUPT', `${what}: no day between 1980 and 2100 holds ${DAY_SHARE * 100} % of its epochs; the file's times are damaged`);
  }
  const days = plausible.map(([d]) => d).sort((a, b) => a - b);
  const main = plausible.sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (!days.includes(dayOf(t))) continue;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const kind: GnssOrbitKind = format === 'sp3' ? 'precise' : 'broadcast';
  const objectKey = orbitObjectKey(main, kind, file.key);
  const rows = days.map(
    (day): GnssOrbitRow => ({
      day,
      kind,
      objectKey,
      source: file.source,
      sourceKey: file.key,
      satelliteCount: satellites,
      firstTime: Math.floor(first),
      lastTime: Math.ceil(last),
      ingestedAt: options.ingestedAt,
    }),
  );
  const summary = `${what}${warnings ? ` (${warnings} warnings)` : ''}, ${days.map(dayString).join(', ')}`;
  return { kind, object: { key: objectKey, body: plain, contentType: 'text/plain' }, rows, summary };
}

/** Lock name of a day's orbits and geometry: SNR plans of the day share it and orbit plans take it alone, so a backfill never misses a day being written. */
export const orbitDayLock = (day: number): string => `gnss-orbits/${day}`;

/**
 * An orbit plan as an ingest plan. Before writing, it fills in the geometry of every station-day
 * already stored for its days (SNR that arrived before its orbits): each such day's Parquet object
 * is rewritten whole (one put, replacing the object) with elevation, azimuth and edot from all the
 * day's orbits, precise first; the commit records the file and those days' geometry in one
 * transaction. Ingesting the same file again rewrites the same values.
 */
export function orbitIngestPlanOf(plan: OrbitPlan): IngestPlan {
  const days = plan.rows.map((r) => r.day);
  const objects: PlannedObject[] = [plan.object];
  const geometry: CommitGnssOrbitsInput['geometry'] = [];
  return {
    kind: 'gnss',
    id: `orbits/${plan.kind}/${plan.object.key.split('/').pop()}`,
    summary: plan.summary,
    objects,
    locks: days.map(orbitDayLock),
    async reconcile(stored: StoredData) {
      const own = { kind: plan.kind, orbits: orbitSourceOf(objectBytes(plan.object.body), plan.object.key) };
      for (const day of days) {
        const others = (await stored.catalog.gnss.orbits(day, day)).filter((r) => r.objectKey !== plan.object.key);
        const orbits = await dayOrbits(others, stored.getObject, [own]);
        if (!orbits) continue;
        for (const row of await stored.catalog.gnss.daysOn(day)) {
          // Broadcast orbits arriving after precise ones change nothing precise geometry holds.
          if (row.geometry === 'precise' && plan.kind === 'broadcast') continue;
          const body = await stored.getObject(row.objectKey);
          const station = (await stored.catalog.gnss.stationsByIds([parseGnssStationId(row.station, 'catalog gnss_days row', 'CORRUPT')]))[0];
          if (!body || !station) continue;
          const obs = await decodeSnrParquet(body, row.objectKey);
          const g = stationDayGeometry(obs, station, row.timeSystem, orbits.orbits);
          if (!g) continue;
          const planned = planGnssDay(row.station, day, { ...obs, geometry: g }, row);
          objects.push(planned.object);
          geometry.push({ station: row.station, day, geometry: orbits.kind, codes: planned.commit.codes, elevationRollups: planned.commit.elevationRollups! });
        }
      }
    },
    commit: (writer, file) => writer.gnss.commitOrbits({ file, orbits: plan.rows, geometry }),
  };
}
