import { momentCodeValues } from '../decode/level2/moment-values.js';
import { MOMENTS, type Level2Sweep, type Level2Volume, type MomentGrid, type RadarLocation } from '../decode/level2/types.js';
import { nexradSiteLocation } from '../../core/nexrad-sites.js';
import { buildOverlayMetadata, codeColors, colorScaleForMoment, SweepRenderer, type ColorScale } from '../render/index.js';
import type { CodedPolarGrid } from '../render/types.js';
import type { SourceObject } from '../sources/types.js';
import type { RadarSiteRow, SweepRow, VolumeRow } from '../../store/types.js';
import { RadomeError } from '../../core/errors.js';
import type { IngestPlan, PlannedObject, PlanOptions } from '../plan-types.js';
import { level2ObjectStem, level2SweepId, level2VolumeId } from './volume-id.js';

export interface Level2Plan {
  site: RadarSiteRow;
  volume: VolumeRow;
  sweeps: SweepRow[];
  /** PNG + JSON per sweep × moment; written before the rows. */
  objects: PlannedObject[];
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

/** One moment of one cut as the renderer's coded polar grid, coloured by `scale`. */
export function polarGridOf(loc: RadarLocation, sweep: Level2Sweep, grid: MomentGrid, scale: ColorScale): CodedPolarGrid {
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
    codeColors: codeColors(scale, momentCodeValues(grid)),
  };
}

/**
 * Renders every sweep × moment of a decoded volume and names its objects and rows. Pure: the
 * caller writes the objects, then commits the rows.
 */
export function planLevel2Volume(volume: Level2Volume, file: SourceObject, options: PlanOptions): Level2Plan {
  const location = locationOf(volume);
  if (volume.sweeps.length === 0) throw new RadomeError('CORRUPT', 'the volume has no radials');
  const volumeId = level2VolumeId(volume.site, volume.volumeStart);
  const objects: PlannedObject[] = [];
  const sweeps: SweepRow[] = [];
  const renderer = new SweepRenderer(options.renderSize);
  for (const sweep of volume.sweeps) {
    for (const moment of MOMENTS) {
      const grid = sweep.moments[moment];
      if (!grid) continue;
      const id = level2SweepId(volumeId, sweep.elevationNumber, grid.moment);
      const stem = level2ObjectStem(volume.site, volume.volumeStart, id);
      const scale = colorScaleForMoment(grid.moment);
      const overlay = renderer.render(polarGridOf(location, sweep, grid, scale), scale);
      const metadata = buildOverlayMetadata({
        site: volume.site,
        kind: 'level2',
        id,
        product: grid.moment,
        units: grid.units,
        startTime: sweep.startTime,
        endTime: sweep.endTime,
        elevationAngle: sweep.elevationAngle,
        overlay,
        extra: {
          volumeId,
          vcp: volume.vcp,
          elevationNumber: sweep.elevationNumber,
          radialCount: sweep.radialCount,
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
        elevationNumber: sweep.elevationNumber,
        elevationAngle: sweep.elevationAngle,
        moment: grid.moment,
        startTime: sweep.startTime,
        endTime: sweep.endTime,
        radialCount: sweep.radialCount,
        gateCount: grid.gateCount,
        firstGateKm: grid.firstGateKm,
        gateSpacingKm: grid.gateSpacingKm,
        imageKey: `${stem}.png`,
        metadataKey: `${stem}.json`,
        bbox: overlay.bbox,
        corners: overlay.corners,
      });
    }
  }
  const scanStart = Math.min(...volume.sweeps.map((s) => s.startTime));
  const scanEnd = Math.max(...volume.sweeps.map((s) => s.endTime));
  return {
    site: { id: volume.site, latitude: location.latitude, longitude: location.longitude, heightM: location.heightM },
    volume: {
      id: volumeId,
      site: volume.site,
      scanStart,
      scanEnd,
      vcp: volume.vcp,
      sweepCount: sweeps.length,
      source: file.source,
      sourceKey: file.key,
      sourceSize: file.size,
      sourceFingerprint: file.fingerprint,
      ingestedAt: options.ingestedAt,
    },
    sweeps,
    objects,
  };
}

/** The Level 2 volume as an ingest plan: its sweeps' objects, then the volume and sweep rows. */
export function level2IngestPlan(volume: Level2Volume, file: SourceObject, options: PlanOptions): IngestPlan {
  return level2IngestPlanOf(planLevel2Volume(volume, file, options));
}

/** A Level 2 plan made elsewhere (e.g. on a worker thread) as an ingest plan. */
export function level2IngestPlanOf(plan: Level2Plan): IngestPlan {
  return {
    kind: 'level2',
    id: plan.volume.id,
    summary: `${plan.sweeps.length} sweeps`,
    objects: plan.objects,
    commit: (catalog, fileRow) => catalog.commitLevel2Volume({ file: fileRow, site: plan.site, volume: plan.volume, sweeps: plan.sweeps }),
  };
}
