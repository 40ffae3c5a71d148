// The per-volume fields of one site in a window, as the catalog lists them, and how to load each
// as a polar grid of codes: the lowest-elevation Level 2 REF sweep of every volume, or the site's
// Level 3 DPR products. Only listing here; loading is lazy (one grid in memory at a time per load).
import { type RadarSiteId } from '../../core/vocabulary/index.js';
import { RadomeError } from '../../core/errors.js';
import { momentCodeValues } from '../../ingest/decode/level2/moment-values.js';
import { productGrid } from '../../ingest/level3/product-render.js';
import type { PolarGeometry } from '../../ingest/render/types.js';
import type { SweepRow, VolumeRow } from '../../store/catalog/index.js';
import type { RadarLayers } from '../tiles/radar-layers.js';

/** Level 3 digital instantaneous precipitation rate. */
export const DPR_CODE = 176;
/** Cuts whose angles differ by less than this are one elevation (split cuts). */
const SAME_ELEVATION_DEG = 0.2;
/** Most instants one site contributes to one request (a page of the catalog). */
export const MAX_SITE_INSTANTS = 10_000;

export type FieldSource = 'DPR' | 'REF';

/** A loaded field: codes on a polar geometry and the value of each code. */
export interface LoadedField {
  geometry: PolarGeometry;
  codes: Uint8Array | Uint16Array;
  /** Value of each code (dBZ for REF, in/h for DPR); NaN for codes without one. */
  codeValues: Float32Array;
  /** REF only: the codes' scale and offset (value = (code − offset) / scale). */
  scale: { scale: number; offset: number } | null;
}

export interface Instant {
  time: number;
  /** Sweep or product id. */
  id: string;
  load(): Promise<LoadedField>;
}

/** The lowest-elevation REF sweep of each volume (the long-range cut of a split pair). */
async function lowestRefSweeps(layers: RadarLayers, volumes: readonly VolumeRow[]): Promise<Array<{ volume: VolumeRow; sweep: SweepRow }>> {
  const out: Array<{ volume: VolumeRow; sweep: SweepRow }> = [];
  const byVolume = await layers.catalog.radar.sweepsForVolumes(
    volumes.map((v) => v.id),
    { moments: ['REF'] },
  );
  volumes.forEach((volume, k) => {
    const rows = byVolume[k] ?? [];
    if (rows.length === 0) return;
    const lowest = Math.min(...rows.map((s) => s.elevationAngle));
    const sweep = rows.filter((s) => s.elevationAngle - lowest < SAME_ELEVATION_DEG).sort((a, b) => a.elevationNumber - b.elevationNumber)[0]!;
    out.push({ volume, sweep });
  });
  return out;
}

/** REF instants of `site` whose volumes overlap [from, to), oldest first. */
export async function refInstants(layers: RadarLayers, site: RadarSiteId, from: number, to: number): Promise<Instant[]> {
  const page = await layers.catalog.radar.volumes({ site, from, to, order: 'ASC' }, { first: MAX_SITE_INSTANTS });
  if (page.hasNextPage) throw new RadomeError('BAD_INPUT', `${site} has more than ${MAX_SITE_INSTANTS} volumes in the window; ask for a shorter one`);
  // Volumes ingested before radome kept sweep stores cannot be read: left out, they show as gaps.
  const readable = page.rows.filter((v) => v.zarrKey !== null);
  return (await lowestRefSweeps(layers, readable)).map(({ volume, sweep }) => ({
    time: sweep.startTime,
    id: sweep.id,
    async load() {
      const { location, sweep: cut } = await layers.grids.loadSweep(sweep, volume);
      const grid = cut.moments.REF;
      if (!grid) throw new RadomeError('NOT_FOUND', `the stored volume ${volume.id} has no REF in cut ${sweep.elevationNumber}`);
      return {
        geometry: {
          latitude: location.latitude,
          longitude: location.longitude,
          heightM: location.heightM + (location.feedhornHeightM ?? 0),
          elevationAngle: cut.elevationAngle,
          radialCount: cut.radialCount,
          gateCount: grid.gateCount,
          azimuths: cut.azimuths,
          azimuthWidth: cut.azimuthSpacing,
          firstGateKm: grid.firstGateKm,
          gateSpacingKm: grid.gateSpacingKm,
        },
        codes: grid.codes,
        codeValues: momentCodeValues(grid),
        scale: { scale: grid.scale, offset: grid.offset },
      };
    },
  }));
}

/** DPR instants of `site` with scan times in [from, to), oldest first. */
export async function dprInstants(layers: RadarLayers, site: RadarSiteId, from: number, to: number): Promise<Instant[]> {
  const page = await layers.catalog.products.list({ site, codes: [DPR_CODE], from, to, order: 'ASC' }, { first: MAX_SITE_INSTANTS });
  if (page.hasNextPage) throw new RadomeError('BAD_INPUT', `${site} has more than ${MAX_SITE_INSTANTS} DPR products in the window; ask for a shorter one`);
  return page.rows.map((row) => ({
    time: row.scanTime,
    id: row.id,
    async load() {
      const product = await layers.grids.loadProduct(row);
      if (!product.radial) throw new RadomeError('CORRUPT', `DPR product ${row.id} has no radial image`);
      const { grid, levelValues } = productGrid(product);
      if (!('radialCount' in grid)) throw new RadomeError('CORRUPT', `DPR product ${row.id} is not polar`);
      const { codes, codeColors: _colors, ...geometry } = grid;
      return { geometry, codes, codeValues: levelValues, scale: null };
    },
  }));
}
