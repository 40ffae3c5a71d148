// Rainfall accumulations and reflectivity swaths over a window: per site a polar field reduced
// from its volumes (ingest/derive, pure), the sites put together as a mosaic (nearest covering
// radar per pixel) for tiles and bbox statistics. Results are kept by (kind, sites, window,
// method) in a byte-bounded LRU; a window still open to new volumes is reused for 30 s only.
import { type RadarSiteId } from '../../core/vocabulary/index.js';
import { createHash } from 'node:crypto';
import { forEachConcurrent } from '../../core/concurrency.js';
import { RadomeError } from '../../core/errors.js';
import { compositeStatistics, type GridStatistics } from '../../ingest/derive/grid-statistics.js';
import { accumulateRates, accumulationCodes, accumulationCodeValues, maxCodes, resampleMaps } from '../../ingest/derive/polar-stack.js';
import { dprRateTable, zrRateTable } from '../../ingest/derive/rain-rate.js';
import { trapezoidWeights, type TimeSpan } from '../../ingest/derive/time-weights.js';
import { codeColors, colorScaleForMoment, precipitationMillimetresScale, type ColorScale } from '../../ingest/render/index.js';
import { PolarPointSampler } from '../../ingest/render/gate-at-point.js';
import type { MosaicMember } from '../../ingest/render/render-mosaic.js';
import { renderMosaicTile } from '../../ingest/render/render-mosaic.js';
import { PolarTileSource, valueCodeColors } from '../../ingest/render/render-tile.js';
import type { BBox } from '../../core/geo.js';
import type { PolarGeometry } from '../../ingest/render/types.js';
import type { ServedLayer } from '../http/tiles.js';
import { ByteBudgetLru } from '../tiles/lru.js';
import type { RadarLayers } from '../tiles/radar-layers.js';
import { dprInstants, refInstants, type Instant, type LoadedField } from './instants.js';

export type RainfallMethod = 'AUTO' | 'DPR' | 'ZR';
export type DerivedKind = 'rainfall' | 'swath';
export const RAINFALL_MAX_HOURS = 7 * 24;
export const SWATH_MAX_HOURS = 24;
export const DEFAULT_RAINFALL_GAP_MINUTES = 20;
export const MAX_SITES = 200;
/**
 * Rainfall is estimated to 230 km, as the WSR-88D precipitation processing does (and its DPR
 * reaches): farther, the lowest beam is kilometres above the rain.
 */
export const RAIN_MAX_RANGE_KM = 230;
/** Grids loaded at once per site. */
const LOAD_CONCURRENCY = 4;
/** A window that closed this long ago (plus the gap limit) gets no more volumes: its result is kept as is. */
const SETTLED_MS = 3_600_000;
const RECENT_REUSE_MS = 30_000;

/** What one site contributed. */
export interface SiteContribution {
  site: string;
  /** DPR: Level 3 precipitation rate products; ZR: Level 2 REF through Z = 300 R^1.4; REF: swath maxima. */
  source: 'DPR' | 'ZR' | 'REF';
  /** Volumes or products used (those with weight in the window), oldest first. */
  ids: string[];
  times: number[];
  /** Fraction of the window integrated (rainfall) or 1 when any volume (swath). */
  coveredFraction: number;
  gaps: TimeSpan[];
}

/** A derived field made ready for tiles and statistics. */
export interface DerivedField {
  kind: DerivedKind;
  from: number;
  to: number;
  method: RainfallMethod | null;
  sites: SiteContribution[];
  /** Sites asked for that had nothing in the window, with why. */
  missing: Array<{ site: string; reason: string }>;
  sources: PolarTileSource[];
  colors: MosaicMember[];
  values: MosaicMember[];
  codeValues: Float32Array;
  scale: ColorScale;
  bbox: BBox;
  etag: string;
  settled: boolean;
  /** Statistics by bbox and thresholds (asked again: not recomputed). */
  statistics: Map<string, GridStatistics>;
  bytes: number;
}

export interface DerivedRequest {
  kind: DerivedKind;
  from: number;
  to: number;
  /** Resolved, upper-case, sorted site ids. */
  sites: RadarSiteId[];
  method: RainfallMethod;
}

/** A site's reduced polar field. */
interface SiteField {
  contribution: SiteContribution;
  geometry: PolarGeometry;
  codes: Uint8Array | Uint16Array;
  codeValues: Float32Array;
}

function withinRainRange(g: PolarGeometry): PolarGeometry {
  const gates = Math.max(1, Math.min(g.gateCount, Math.floor((RAIN_MAX_RANGE_KM - g.firstGateKm) / g.gateSpacingKm) + 1));
  return { ...g, gateCount: gates };
}

function rateTable(field: LoadedField): Float32Array {
  return field.scale ? zrRateTable(field.codeValues) : dprRateTable(field.codeValues);
}

/** Codes of another REF scale carried onto the target's (values kept; no-value codes kept). */
function refRemap(target: LoadedField, field: LoadedField): Uint8Array {
  const remap = new Uint8Array(256);
  const t = target.scale!;
  for (let c = 0; c < 256; c++) {
    const v = field.codeValues[c]!;
    remap[c] = v !== v ? Math.min(c, 1) : Math.max(2, Math.min(255, Math.round(v * t.scale + t.offset)));
  }
  return remap;
}

/** The first instant's grid is the target; the others load LOAD_CONCURRENCY at a time. */
async function reduce(instants: Instant[], first: (field: LoadedField) => void, each: (field: LoadedField, index: number) => void): Promise<void> {
  const head = await instants[0]!.load();
  first(head);
  each(head, 0);
  await forEachConcurrent(instants.slice(1), LOAD_CONCURRENCY, async (instant, k) => each(await instant.load(), k + 1));
}

const ACCUMULATION_VALUES = accumulationCodeValues();

export class DerivedFields {
  private readonly cache: ByteBudgetLru<DerivedField>;

  constructor(
    readonly layers: RadarLayers,
    readonly gapMinutes: number = DEFAULT_RAINFALL_GAP_MINUTES,
    cacheBytes = 256 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {
    if (!(Number.isInteger(gapMinutes) && gapMinutes > 0)) throw new RadomeError('CONFIG', `rainfall gap limit ${gapMinutes} min is not a positive whole number of minutes`);
    this.cache = new ByteBudgetLru(cacheBytes, (f) => f.bytes);
  }

  private get gapMs(): number {
    return this.gapMinutes * 60_000;
  }

  /** The instants a site's field is made of, and the method used. */
  async siteInstants(kind: DerivedKind, site: RadarSiteId, from: number, to: number, method: RainfallMethod): Promise<{ source: SiteContribution['source']; instants: Instant[] }> {
    if (kind === 'swath') return { source: 'REF', instants: await refInstants(this.layers, site, from, to) };
    // Volumes around the window too: the trapezoids at its edges need the instants just outside.
    const [f, t] = [from - this.gapMs, to + this.gapMs + 1];
    if (method !== 'ZR') {
      const dpr = await dprInstants(this.layers, site, f, t);
      if (dpr.length > 0 || method === 'DPR') return { source: 'DPR', instants: dpr };
    }
    return { source: 'ZR', instants: await refInstants(this.layers, site, f, t) };
  }

  private isSettled(to: number): boolean {
    return to + this.gapMs + SETTLED_MS < this.now();
  }

  /** The field of a request, made once and kept (recent windows: reused for 30 s). */
  field(req: DerivedRequest): Promise<DerivedField> {
    if (req.sites.length > MAX_SITES) throw new RadomeError('BAD_INPUT', `${req.sites.length} sites: ask for at most ${MAX_SITES}`);
    const settled = this.isSettled(req.to);
    const key = `${req.kind}|${req.kind === 'rainfall' ? req.method : ''}|${this.gapMinutes}|${req.sites.join(',')}|${req.from}|${req.to}${settled ? '' : `@${Math.floor(this.now() / RECENT_REUSE_MS)}`}`;
    return this.cache.get(key, () => this.build(req, settled));
  }

  /** Why a site has nothing to read: no data, or volumes catalogued without a sweep store. */
  private async noInstants(site: RadarSiteId, what: string, from: number, to: number, near: boolean): Promise<string> {
    const catalogued = what === 'REF volume' && (await this.layers.catalog.radar.volumes({ site, from, to }, { first: 1 })).rows.length > 0;
    return catalogued
      ? `${site}'s volumes in the window have no sweep store (ingested before radome kept one); ingest them again to derive from them`
      : `${site} has no ${what} in ${near ? 'or near ' : ''}the window`;
  }

  private async siteField(req: DerivedRequest, site: RadarSiteId): Promise<SiteField | { missing: string }> {
    const { source, instants } = await this.siteInstants(req.kind, site, req.from, req.to, req.method);
    if (req.kind === 'swath') {
      if (instants.length === 0) return { missing: await this.noInstants(site, 'REF volume', req.from, req.to, false) };
      let target: LoadedField | undefined;
      let max: Uint8Array | undefined;
      await reduce(
        instants,
        (head) => {
          target = head;
          max = new Uint8Array(head.geometry.radialCount * head.geometry.gateCount);
        },
        (field) => maxCodes(max!, target!.geometry, resampleMaps(target!.geometry, field.geometry), field.codes, refRemap(target!, field)),
      );
      return {
        contribution: { site, source, ids: instants.map((i) => i.id), times: instants.map((i) => i.time), coveredFraction: 1, gaps: [] },
        geometry: target!.geometry,
        codes: max!,
        codeValues: target!.codeValues,
      };
    }
    const weights = trapezoidWeights(
      instants.map((i) => i.time),
      req.from,
      req.to,
      this.gapMs,
    );
    const used = instants.flatMap((instant, k) => (weights.weights[k]! > 0 ? [{ instant, weight: weights.weights[k]! }] : []));
    if (used.length === 0) {
      const what = source === 'DPR' ? 'DPR product' : 'REF volume';
      return {
        missing:
          instants.length === 0
            ? await this.noInstants(site, what, req.from - this.gapMs, req.to + this.gapMs + 1, true)
            : `${site}'s ${what}s are more than ${this.gapMinutes} min apart: nothing integrated`,
      };
    }
    let target: PolarGeometry | undefined;
    let acc: Float32Array | undefined;
    await reduce(
      used.map((u) => u.instant),
      (head) => {
        target = withinRainRange(head.geometry);
        acc = new Float32Array(target.radialCount * target.gateCount);
      },
      (field, k) => accumulateRates(acc!, target!, resampleMaps(target!, field.geometry), field.codes, rateTable(field), used[k]!.weight),
    );
    return {
      contribution: {
        site,
        source,
        ids: used.map((u) => u.instant.id),
        times: used.map((u) => u.instant.time),
        coveredFraction: weights.coveredMs / (req.to - req.from),
        gaps: weights.gaps,
      },
      geometry: target!,
      codes: accumulationCodes(acc!),
      codeValues: ACCUMULATION_VALUES,
    };
  }

  private async build(req: DerivedRequest, settled: boolean): Promise<DerivedField> {
    const sites: SiteField[] = [];
    const missing: DerivedField['missing'] = [];
    for (const site of req.sites) {
      const f = await this.siteField(req, site);
      if ('missing' in f) missing.push({ site, reason: f.missing });
      else sites.push(f);
    }
    const scale = req.kind === 'rainfall' ? precipitationMillimetresScale() : colorScaleForMoment('REF');
    const codeValues = req.kind === 'rainfall' ? ACCUMULATION_VALUES : (sites[0]?.codeValues ?? new Float32Array(256).fill(NaN));
    const colorTable = codeColors(scale, codeValues);
    const valueTable = valueCodeColors(codeValues);
    const sources = sites.map((s) => new PolarTileSource({ ...s.geometry, codes: s.codes, codeColors: colorTable }));
    const bbox: BBox = sources.length === 0 ? [0, 0, 0, 0] : [Infinity, Infinity, -Infinity, -Infinity];
    for (const s of sources) {
      bbox[0] = Math.min(bbox[0], s.bbox[0]);
      bbox[1] = Math.min(bbox[1], s.bbox[1]);
      bbox[2] = Math.max(bbox[2], s.bbox[2]);
      bbox[3] = Math.max(bbox[3], s.bbox[3]);
    }
    const hash = createHash('sha1')
      .update(`${req.kind}|${req.method}|${this.gapMinutes}|${req.from}|${req.to}|`)
      .update(sites.map((s) => `${s.contribution.site}:${s.contribution.ids.join(',')}`).join(';'))
      .digest('hex')
      .slice(0, 20);
    return {
      kind: req.kind,
      from: req.from,
      to: req.to,
      method: req.kind === 'rainfall' ? req.method : null,
      sites: sites.map((s) => s.contribution),
      missing,
      sources,
      colors: sources.map((source) => ({ source, codeColors: colorTable })),
      values: sources.map((source) => ({ source, codeColors: valueTable })),
      codeValues,
      scale,
      bbox,
      etag: `${req.kind}-${hash}`,
      settled,
      statistics: new Map(),
      bytes: sites.reduce((n, s) => n + s.codes.byteLength + 400_000, 0) + 2 * colorTable.byteLength,
    };
  }

  /** Statistics of a field over `bbox` (default: the field's extent). */
  statistics(field: DerivedField, bbox: BBox | null, thresholds: readonly number[]): GridStatistics | null {
    if (field.sources.length === 0) return null;
    const box = bbox ?? field.bbox;
    const key = `${box.join(',')}|${thresholds.join(',')}`;
    let stats = field.statistics.get(key);
    if (!stats) {
      stats = compositeStatistics(field.sources, field.codeValues, box, thresholds);
      field.statistics.set(key, stats);
    }
    return stats;
  }

  /** A field as a tile layer (nearest covering radar per pixel). */
  async served(req: DerivedRequest): Promise<ServedLayer> {
    const field = await this.field(req);
    const window = `${new Date(req.from).toISOString()} – ${new Date(req.to).toISOString()}`;
    const what =
      req.kind === 'rainfall'
        ? `Rainfall accumulation ${window} (${req.method === 'AUTO' ? 'DPR where ingested, else Z = 300R^1.4 of the lowest REF' : req.method})`
        : `Reflectivity swath (per-pixel maximum of the lowest REF) ${window}`;
    return {
      name: `${what}`,
      description: `${what} of ${field.sites.map((s) => s.site).join(', ') || 'no site'}; each pixel from the nearest radar covering it.`,
      bbox: field.sources.length ? field.bbox : [-130, 20, -60, 55],
      legend: field.scale.legend,
      units: field.scale.units,
      etag: field.etag,
      cacheControl: field.settled ? 'public, max-age=31536000, immutable' : 'public, max-age=30',
      render: async (z, x, y, size, value) => renderMosaicTile(value ? field.values : field.colors, z, x, y, size),
    };
  }

  /**
   * Accumulation series at a point from one site's instants: per interval [t, t + interval), the
   * trapezoid integral of the gate under the point, and the minutes missing.
   */
  async pointSeries(
    site: RadarSiteId,
    lon: number,
    lat: number,
    from: number,
    to: number,
    intervalMs: number,
    method: RainfallMethod,
  ): Promise<{ source: SiteContribution['source']; bins: Array<{ from: number; to: number; mm: number | null; missingMs: number }> } | null> {
    const { source, instants } = await this.siteInstants('rainfall', site, from, to, method);
    if (instants.length === 0) return null;
    const rates = new Float64Array(instants.length);
    let target: PolarGeometry | undefined;
    let cell: { radial: number; gate: number } | null = null;
    await reduce(
      instants,
      (head) => {
        target = withinRainRange(head.geometry);
        const at = new PolarPointSampler(target).lookup(lat, lon);
        cell = 'outside' in at ? null : { radial: at.radial, gate: at.gate };
      },
      (field, k) => {
        if (!cell) return;
        const maps = resampleMaps(target!, field.geometry);
        const offset = maps.radialOffsets[cell.radial]!;
        const gate = maps.gates[cell.gate]!;
        rates[k] = offset < 0 || gate < 0 ? 0 : rateTable(field)[field.codes[offset + gate]!]!;
      },
    );
    if (!cell) return null;
    const times = instants.map((i) => i.time);
    const bins: Array<{ from: number; to: number; mm: number | null; missingMs: number }> = [];
    for (let t = from; t < to; t += intervalMs) {
      const end = Math.min(t + intervalMs, to);
      const w = trapezoidWeights(times, t, end, this.gapMs);
      let mm = 0;
      for (let k = 0; k < rates.length; k++) mm += w.weights[k]! * rates[k]!;
      bins.push({ from: t, to: end, mm: w.coveredMs > 0 ? mm : null, missingMs: end - t - w.coveredMs });
    }
    return { source, bins };
  }
}
