import { createHash } from 'node:crypto';
import { RadomeError } from '../../core/errors.js';
import { colorScaleForMoment, packRgba } from '../../ingest/render/index.js';
import { compositeLonLatFrame, encodeRowsPng, lonLatFrame, renderMosaicTile, type MosaicMember } from '../../ingest/render/render-mosaic.js';
import type { BBox } from '../../core/geo.js';
import type { SweepRow, VolumeRow } from '../../store/catalog/index.js';
import type { ServedLayer } from '../http/tiles.js';
import { sweepsOfVolume } from './point-values.js';
import type { RadarLayers } from './radar-layers.js';

export const DEFAULT_TOLERANCE_MINUTES = 5;
/** The CONUS frame MRMS grids its mosaic on: 130°W–60°W, 20°N–55°N at 0.01°. */
export const CONUS_BBOX: BBox = [-130, 20, -60, 55];
export const CONUS_STEP_DEG = 0.01;
/** In the frame image, pixels a radar covers without an echo are shaded so, unlike pixels no radar covers (transparent). */
export const NO_ECHO_SHADE = '#00000018';
const NO_ECHO_RGBA = packRgba(0, 0, 0, 0x18);
/** A mosaic whose window closed this long ago gets no more volumes: it is immutable. */
const SETTLED_MS = 3_600_000;
/** How long an unsettled (recent) composite is reused before its volumes are looked up again. */
const RECENT_REUSE_MS = 30_000;
const MAX_COMPOSITES = 16;
const MAX_FRAMES = 4;

/** The sweeps a mosaic is made of, ready to paint. */
export interface MosaicComposite {
  time: number;
  toleranceMinutes: number;
  volumes: VolumeRow[];
  sweeps: SweepRow[];
  colors: MosaicMember[];
  values: MosaicMember[];
  /** Union of the members' extents ([0,0,0,0] when empty). */
  bbox: BBox;
  etag: string;
  settled: boolean;
}

export interface MosaicFrame {
  png: Uint8Array;
  json: Record<string, unknown>;
}

/** The national mosaic's layers (tiles), as the tiles router serves them. */
export interface MosaicLayers {
  served(time: number, toleranceMinutes?: number): Promise<ServedLayer>;
  frame(time: number, toleranceMinutes?: number): Promise<MosaicFrame>;
}

/** Drops the oldest entries of a map beyond `max`. */
function bound<V>(map: Map<string, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

export function checkTolerance(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 60) throw new RadomeError('BAD_INPUT', `toleranceMinutes ${minutes} is not a whole number of minutes from 0 to 60`);
}

/**
 * The mosaic at time T of the lowest-elevation REF sweep of every site with a volume starting
 * within ±tolerance of T (the nearest to T per site): tiles at any zoom and a CONUS frame at
 * 0.01°, made on demand and kept (a few composites and frames).
 */
export class MosaicService implements MosaicLayers {
  private readonly composites = new Map<string, { at: number; value: Promise<MosaicComposite> }>();
  private readonly frames = new Map<string, Promise<MosaicFrame>>();

  constructor(
    private readonly layers: RadarLayers,
    private readonly now: () => number = Date.now,
  ) {}

  composite(time: number, toleranceMinutes = DEFAULT_TOLERANCE_MINUTES): Promise<MosaicComposite> {
    checkTolerance(toleranceMinutes);
    if (!Number.isFinite(time)) throw new RadomeError('BAD_INPUT', `mosaic time ${time} is not a time`);
    const key = `${time}|${toleranceMinutes}`;
    const known = this.composites.get(key);
    if (known && (this.now() - known.at < RECENT_REUSE_MS || this.isSettled(time, toleranceMinutes))) return known.value;
    const value = this.build(time, toleranceMinutes);
    const entry = { at: this.now(), value };
    this.composites.set(key, entry);
    bound(this.composites, MAX_COMPOSITES);
    value.catch(() => {
      if (this.composites.get(key) === entry) this.composites.delete(key);
    });
    return value;
  }

  private isSettled(time: number, toleranceMinutes: number): boolean {
    return time + toleranceMinutes * 60_000 + SETTLED_MS < this.now();
  }

  private async build(time: number, toleranceMinutes: number): Promise<MosaicComposite> {
    const tol = toleranceMinutes * 60_000;
    const page = await this.layers.catalog.radar.volumes({ from: time - tol - 900_000, to: time + tol + 1, order: 'ASC' }, { first: 10_000 });
    const nearest = new Map<string, VolumeRow>();
    for (const v of page.rows) {
      if (Math.abs(v.scanStart - time) > tol) continue;
      const known = nearest.get(v.site);
      if (!known || Math.abs(v.scanStart - time) < Math.abs(known.scanStart - time)) nearest.set(v.site, v);
    }
    const volumes: VolumeRow[] = [];
    const sweeps: SweepRow[] = [];
    for (const v of [...nearest.values()].sort((a, b) => a.site.localeCompare(b.site))) {
      const sweep = (await sweepsOfVolume(this.layers, v, 'REF'))[0];
      if (!sweep) continue;
      volumes.push(v);
      sweeps.push(sweep);
    }
    const layers = await Promise.all(sweeps.map((s) => this.layers.sweepLayer(s)));
    const bbox: BBox = layers.length === 0 ? [0, 0, 0, 0] : [Infinity, Infinity, -Infinity, -Infinity];
    for (const l of layers) {
      bbox[0] = Math.min(bbox[0], l.source.bbox[0]);
      bbox[1] = Math.min(bbox[1], l.source.bbox[1]);
      bbox[2] = Math.max(bbox[2], l.source.bbox[2]);
      bbox[3] = Math.max(bbox[3], l.source.bbox[3]);
    }
    const members = layers.map((l) => {
      const source = l.source as MosaicMember['source'];
      return { color: { source, codeColors: l.colors.codeColors }, value: { source, codeColors: l.values.codeColors } };
    });
    const etag = createHash('sha1')
      .update(volumes.map((v) => `${v.id}@${v.ingestedAt}`).join(','))
      .digest('hex')
      .slice(0, 20);
    return {
      time,
      toleranceMinutes,
      volumes,
      sweeps,
      colors: members.map((m) => m.color),
      values: members.map((m) => m.value),
      bbox,
      etag: `mosaic-${time}-${toleranceMinutes}-${etag}`,
      settled: this.isSettled(time, toleranceMinutes),
    };
  }

  async served(time: number, toleranceMinutes = DEFAULT_TOLERANCE_MINUTES): Promise<ServedLayer> {
    const c = await this.composite(time, toleranceMinutes);
    const scale = colorScaleForMoment('REF');
    return {
      name: `NEXRAD REF mosaic ${new Date(time).toISOString()}`,
      description: `Lowest-elevation reflectivity of ${c.volumes.length} radars with a volume within ±${toleranceMinutes} min; each pixel from the nearest radar covering it.`,
      bbox: c.volumes.length ? c.bbox : CONUS_BBOX,
      legend: scale.legend,
      units: scale.units,
      etag: c.etag,
      cacheControl: c.settled ? 'public, max-age=31536000, immutable' : 'public, max-age=30',
      render: async (z, x, y, size, value) => renderMosaicTile(value ? c.values : c.colors, z, x, y, size),
    };
  }

  frame(time: number, toleranceMinutes = DEFAULT_TOLERANCE_MINUTES): Promise<MosaicFrame> {
    return this.composite(time, toleranceMinutes).then((c) => {
      const key = c.etag;
      let frame = this.frames.get(key);
      if (!frame) {
        frame = renderFrame(c);
        this.frames.set(key, frame);
        bound(this.frames, MAX_FRAMES);
        frame.catch(() => this.frames.delete(key));
      }
      return frame;
    });
  }
}

/** The CONUS frame image of a composite (no echo shaded, no radar transparent) and its JSON. */
async function renderFrame(c: MosaicComposite): Promise<MosaicFrame> {
  const frame = lonLatFrame(CONUS_BBOX, CONUS_STEP_DEG);
  const shaded = c.colors.map((m) => ({ source: m.source, codeColors: m.codeColors.map((color) => (color === 0 ? NO_ECHO_RGBA : color)) }));
  const png = await encodeRowsPng(frame.width, frame.height, (writeRow) => compositeLonLatFrame(shaded, frame, writeRow));
  const [w, s, e, n] = CONUS_BBOX;
  const scale = colorScaleForMoment('REF');
  return {
    png,
    json: {
      moment: 'REF',
      time: new Date(c.time).toISOString(),
      toleranceMinutes: c.toleranceMinutes,
      image: { format: 'image/png', width: frame.width, height: frame.height, crs: 'EPSG:4326', resolutionDeg: CONUS_STEP_DEG },
      bbox: CONUS_BBOX,
      corners: [
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ],
      coverage: { noRadar: 'transparent (alpha 0)', noEcho: `${NO_ECHO_SHADE} (covered by a radar, nothing above the legend's lowest step)` },
      rule: 'each pixel takes the gate of the nearest radar (WGS84 geodesic distance) whose lowest-elevation sweep covers it',
      legend: scale.legend,
      sites: c.volumes.map((v) => v.site),
      volumes: c.volumes.map((v) => v.id),
      sweeps: c.sweeps.map((s) => s.id),
    },
  };
}
