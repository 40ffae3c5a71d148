import { decodeArchiveII, Level2Assembler, type GridPool, readArchiveRecords, splitArchiveIIRecords } from '../decode/level2/index.js';
import { momentCodeValues } from '../decode/level2/moment-values.js';
import { MOMENTS, type Level2Sweep, type Level2Volume, type MomentGrid, type RadarLocation } from '../decode/level2/types.js';
import { nexradSiteLocation } from '../../core/nexrad-sites.js';
import { buildOverlayMetadata, codeColors, colorScaleForMoment, SweepRenderer, type ColorScale } from '../render/index.js';
import type { CodedPolarGrid, RenderedOverlay } from '../render/types.js';
import type { SourceObject } from '../sources/types.js';
import { level2SiteFromName } from '../sources/level2-keys.js';
import type { RadarSiteRow, SweepRow, VolumeRow } from '../../store/catalog/index.js';
import { RadomeError } from '../../core/errors.js';
import type { IngestPlan, PlannedObject, PlanOptions } from '../plan-types.js';
import { encodeCut, sweepStoreObjects, type EncodedCut } from './sweep-store.js';
import { level2ObjectStem, level2ZarrPrefix } from './volume-id.js';
import { level2SweepId, level2VolumeId, type RadarSiteId } from '../../core/vocabulary/index.js';

export interface Level2Plan {
  site: RadarSiteRow;
  volume: VolumeRow;
  sweeps: SweepRow[];
  /** PNG + JSON per sweep × moment and the volume's sweep store; written before the rows. */
  objects: PlannedObject[];
}

/** A decoded volume whose radar site is known. */
export type SitedVolume = Level2Volume & { site: RadarSiteId };

/**
 * The volume with its radar site: the one it states (header, else its radials), else the one its
 * archive key or file name names (1990s headers leave the ICAO blank), else a typed error.
 */
export function withSite(volume: Level2Volume, file: SourceObject): SitedVolume {
  if (volume.site) return volume as SitedVolume;
  const site = level2SiteFromName(file.key);
  if (site) return { ...volume, site };
  throw new RadomeError(
    'UNSUPPORTED',
    'the volume names no radar site (its header and radials carry no 4-letter ICAO id), nor does its key or file name: ' +
      'name the file as the archive does, SITEYYYYMMDD_HHMMSS (e.g. KTLX19950601_000209.gz)',
  );
}

/** The volume's own location, else (message 1 files state none) the site table's. */
export function locationOf(volume: Level2Volume): RadarLocation {
  if (volume.location) return volume.location;
  const known = nexradSiteLocation(volume.site);
  if (!known) {
    throw new RadomeError('UNSUPPORTED', `the volume states no site location and ${volume.site} is not a known NEXRAD site, so it cannot be georeferenced`);
  }
  return { latitude: known.latitude, longitude: known.longitude, heightM: known.heightM ?? 0 };
}

/**
 * Each moment's colour scale and code colours, by how its codes are coded: a volume's cuts share
 * a handful of encodings, and a 16-bit moment's table (PHI) is 65,536 values and colours, which
 * made afresh for every cut cost ~5 % of a volume's planning.
 */
const codeTables = new Map<string, { scale: ColorScale; colors: Uint32Array }>();

/** The colour scale of `grid`'s moment and the colour of each of its codes (shared: not to be written). */
export function codeTableOf(grid: MomentGrid): { scale: ColorScale; colors: Uint32Array } {
  const key = `${grid.moment} ${grid.codes instanceof Uint8Array ? 8 : 16} ${grid.scale} ${grid.offset}`;
  let table = codeTables.get(key);
  if (!table) {
    const scale = colorScaleForMoment(grid.moment);
    table = { scale, colors: codeColors(scale, momentCodeValues(grid)) };
    codeTables.set(key, table);
  }
  return table;
}

/** One moment of one cut as the renderer's coded polar grid, coloured by `scale`. */
export function polarGridOf(loc: RadarLocation, sweep: Level2Sweep, grid: MomentGrid, scale: ColorScale, colors = codeColors(scale, momentCodeValues(grid))): CodedPolarGrid {
  return {
    latitude: loc.latitude,
    longitude: loc.longitude,
    heightM: loc.heightM + (loc.feedhornHeightM ?? 0),
    elevationAngle: sweep.elevationAngle,
    radialCount: sweep.radialCount,
    gateCount: grid.gateCount,
    azimuths: sweep.azimuths,
    azimuthWidth: sweep.azimuthSpacing,
    firstGateKm: grid.firstGateKm,
    gateSpacingKm: grid.gateSpacingKm,
    codes: grid.codes,
    codeColors: colors,
  };
}

/** What a cut's objects and rows need once its grids are gone. */
type CutFacts = Pick<Level2Sweep, 'elevationNumber' | 'elevationAngle' | 'startTime' | 'endTime' | 'radialCount'>;
type GridFacts = Pick<MomentGrid, 'moment' | 'units' | 'gateCount' | 'firstGateKm' | 'gateSpacingKm'>;

/** One cut with each of its moments rendered and stored: plain facts, overlays and sweep group, no grid. */
export interface RenderedCut {
  cut: CutFacts;
  moments: { grid: GridFacts; overlay: RenderedOverlay }[];
  store: EncodedCut;
}

/** Renders each moment of one cut (in MOMENTS order) and encodes its sweep group. */
export function renderCut(location: RadarLocation, sweep: Level2Sweep, renderer: SweepRenderer): RenderedCut {
  const steps = renderCutByMoment(location, sweep, renderer);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * renderCut a step at a time: it pauses after each moment, so a caller sharing the work with
 * other threads can hand them more in between (a cut takes ~50-150 ms, a moment a seventh of that).
 */
export function* renderCutByMoment(location: RadarLocation, sweep: Level2Sweep, renderer: SweepRenderer): Generator<void, RenderedCut, void> {
  const { elevationNumber, elevationAngle, startTime, endTime, radialCount } = sweep;
  const moments: RenderedCut['moments'] = [];
  for (const moment of MOMENTS) {
    const grid = sweep.moments[moment];
    if (!grid) continue;
    const { scale, colors } = codeTableOf(grid);
    const overlay = renderer.render(polarGridOf(location, sweep, grid, scale, colors), scale);
    const { units, gateCount, firstGateKm, gateSpacingKm } = grid;
    moments.push({ grid: { moment, units, gateCount, firstGateKm, gateSpacingKm }, overlay });
    yield;
  }
  return { cut: { elevationNumber, elevationAngle, startTime, endTime, radialCount }, moments, store: encodeCut(sweep) };
}

/**
 * Renders every sweep × moment of a decoded volume and names its objects and rows. Pure: the
 * caller writes the objects, then commits the rows.
 */
export function planLevel2Volume(decoded: Level2Volume, file: SourceObject, options: PlanOptions): Level2Plan {
  const volume = withSite(decoded, file);
  const location = locationOf(volume);
  if (volume.sweeps.length === 0) throw new RadomeError('CORRUPT', 'the volume has no radials');
  const renderer = new SweepRenderer(options.renderSize);
  return planRenderedCuts(
    volume,
    location,
    volume.sweeps.map((sweep) => renderCut(location, sweep, renderer)),
    file,
    options,
  );
}

/**
 * Plans a whole Archive II file (plain bytes: containers unwrapped) as planLevel2Volume plans
 * its decoded volume, to the byte, but renders each cut as soon as its last radial is read and
 * then lends its grids to the next cuts: a thread holds a cut's grids, not a volume's (for the
 * real KLOT sample 8 MB instead of 51 MB). `grids` lends the memory; the caller releases it all
 * afterwards (GridPool.releaseAll).
 *
 * A cut renders early only once the volume has stated its location. Should a cut get radials
 * after its end radial (rendered too early, then), the file is decoded whole and planned again.
 */
export function planArchiveII(bytes: Uint8Array, file: SourceObject, options: PlanOptions, grids: GridPool | null = null): Level2Plan {
  const split = splitArchiveIIRecords(bytes);
  const assembler = new Level2Assembler(split.header, grids);
  const renderer = new SweepRenderer(options.renderSize);
  const rendered: RenderedCut[] = [];
  for (let i = 0; i < split.records.length; i++) {
    readArchiveRecords(split, assembler, i, i + 1);
    if (assembler.revisitedTakenCut) {
      grids?.releaseAll();
      return planLevel2Volume(decodeArchiveII(bytes, { grids }), file, options);
    }
    const location = assembler.location;
    if (!location) continue;
    for (const sweep of assembler.takeEndedCuts()) rendered.push(renderCut(location, sweep, renderer));
    assembler.releaseTakenCuts();
  }
  const rest = withSite(assembler.finish(), file);
  const location = locationOf(rest);
  for (const sweep of rest.sweeps) rendered.push(renderCut(location, sweep, renderer));
  return planRenderedCuts(rest, location, rendered.sort(byElevationNumber), file, options);
}

export function byElevationNumber(a: RenderedCut, b: RenderedCut): number {
  return a.cut.elevationNumber - b.cut.elevationNumber;
}

/** A volume's site row and volume row, its scan spanning its cuts' times. */
export function volumeRows(
  volume: Pick<SitedVolume, 'site' | 'volumeStart' | 'vcp'>,
  location: RadarLocation,
  cuts: readonly { startTime: number; endTime: number }[],
  sweeps: readonly SweepRow[],
  file: SourceObject,
  ingestedAt: number,
): { site: RadarSiteRow; volume: VolumeRow } {
  const volumeId = level2VolumeId(volume.site, volume.volumeStart);
  return {
    site: { id: volume.site, latitude: location.latitude, longitude: location.longitude, heightM: location.heightM },
    volume: {
      id: volumeId,
      site: volume.site,
      scanStart: Math.min(...cuts.map((c) => c.startTime)),
      scanEnd: Math.max(...cuts.map((c) => c.endTime)),
      vcp: volume.vcp,
      sweepCount: sweeps.length,
      source: file.source,
      sourceKey: file.key,
      sourceSize: file.size,
      sourceFingerprint: file.fingerprint,
      ingestedAt,
      zarrKey: level2ZarrPrefix(volume.site, volume.volumeStart, volumeId),
    },
  };
}

/** The objects and rows of a volume's rendered cuts (in elevation order). */
export function planRenderedCuts(volume: Pick<SitedVolume, 'site' | 'volumeStart' | 'vcp'>, location: RadarLocation, cuts: RenderedCut[], file: SourceObject, options: PlanOptions): Level2Plan {
  const volumeId = level2VolumeId(volume.site, volume.volumeStart);
  const zarrKey = level2ZarrPrefix(volume.site, volume.volumeStart, volumeId);
  const objects: PlannedObject[] = [];
  const sweeps: SweepRow[] = [];
  for (const [sweepIndex, { cut, moments }] of cuts.entries()) {
    for (const { grid, overlay } of moments) {
      const id = level2SweepId(volumeId, cut.elevationNumber, grid.moment);
      const stem = level2ObjectStem(volume.site, volume.volumeStart, id);
      const metadata = buildOverlayMetadata({
        site: volume.site,
        kind: 'level2',
        id,
        product: grid.moment,
        units: grid.units,
        startTime: cut.startTime,
        endTime: cut.endTime,
        elevationAngle: cut.elevationAngle,
        overlay,
        extra: {
          volumeId,
          vcp: volume.vcp,
          elevationNumber: cut.elevationNumber,
          radialCount: cut.radialCount,
          gateCount: grid.gateCount,
          firstGateKm: grid.firstGateKm,
          gateSpacingKm: grid.gateSpacingKm,
          radar: location,
        },
      });
      objects.push(
        { key: `${stem}.png`, body: overlay.png, contentType: 'image/png' },
        { key: `${stem}.json`, body: new TextEncoder().encode(JSON.stringify(metadata)), contentType: 'application/json' },
      );
      sweeps.push({
        id,
        volumeId,
        site: volume.site,
        elevationNumber: cut.elevationNumber,
        elevationAngle: cut.elevationAngle,
        moment: grid.moment,
        startTime: cut.startTime,
        endTime: cut.endTime,
        radialCount: cut.radialCount,
        gateCount: grid.gateCount,
        firstGateKm: grid.firstGateKm,
        gateSpacingKm: grid.gateSpacingKm,
        imageKey: `${stem}.png`,
        metadataKey: `${stem}.json`,
        bbox: overlay.bbox,
        corners: overlay.corners,
        sweepIndex,
      });
    }
  }
  const stored = { site: volume.site, volumeId, vcp: volume.vcp, location };
  objects.push(
    ...sweepStoreObjects(
      zarrKey,
      stored,
      cuts.map((c) => c.store),
    ),
  );
  return {
    ...volumeRows(
      volume,
      location,
      cuts.map((c) => c.cut),
      sweeps,
      file,
      options.ingestedAt,
    ),
    sweeps,
    objects,
  };
}

/** A Level 2 plan made elsewhere (e.g. on a worker thread) as an ingest plan. */
export function level2IngestPlanOf(plan: Level2Plan): IngestPlan {
  const ingest: IngestPlan = {
    kind: 'level2',
    id: plan.volume.id,
    summary: `${plan.sweeps.length} sweeps`,
    objects: plan.objects,
    ownedPrefixes: ownedPrefixesOf(plan.volume),
    // A volume catalogued for the first time has no earlier store to leave leftovers: no listing.
    reconcile: async ({ catalog }) => {
      if ((await catalog.radar.volumesByIds([plan.volume.id]))[0] === null) ingest.ownedPrefixes = [];
    },
    commit: (writer, fileRow) => writer.radar.commitVolume({ file: fileRow, site: plan.site, volume: plan.volume, sweeps: plan.sweeps }),
  };
  return ingest;
}

/** The volume's sweep store prefix, which its plan writes whole. */
export function ownedPrefixesOf(volume: VolumeRow): string[] {
  return volume.zarrKey === null ? [] : [`${volume.zarrKey}/`];
}
