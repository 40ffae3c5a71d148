import { RadomeError } from '../../core/errors.js';
import { BEAM_MODEL_NAME, EFFECTIVE_RADIUS_FACTOR, beamModel, type BeamModel } from './beam-model.js';
import type { ColorScale } from './color-scale.js';
import { checkGridData, codedGatesOf } from './gate-codes.js';
import { OCTANT_STEPS, radialByAzimuth, radialOffsetsByOctant } from './radial-lookup.js';
import type { LocalPlaneSampler } from './local-plane-sampler.js';
import { DEFAULT_OVERLAY_SIZE, GEODESIC_NAME, PixelRowPositions, checkRadarSite, encodeOverlay, overlayFrame, type PixelRow, type RowPainter } from './render-overlay.js';
import type { CodedPolarGrid, OverlayGeometry, PolarGeometry, PolarGrid, RenderedOverlay } from './types.js';
import type { MercatorFrame, PixelFrame } from './web-mercator.js';

/** Ground-distance bins per gate in the distance → gate table (edges placed to 1/32 gate). */
const DISTANCE_BINS_PER_GATE = 16;
/** Cap on that table for absurdly fine gates, so it stays small (bins stay ≪ a pixel). */
const MAX_DISTANCE_BINS = 65535;
/** Radials a grid may have (a cut has 360 or 720). */
const MAX_RADIALS = 32767;
/** Gates a grid may have: a pixel map indexes them with 32-bit signed integers (−1 is "none"). */
const MAX_CELLS = 2 ** 31 - 1;
/** Points on the coverage circle used to frame it (extremes found to metres). */
const BOUNDARY_POINTS = 720;

/**
 * Renders a polar grid (physical values or coded gates) as a transparent Web Mercator PNG.
 * To render several moments of one sweep, use a SweepRenderer: it maps pixels once for all.
 */
export function renderPolarPng(grid: PolarGrid | CodedPolarGrid, scale: ColorScale, options: { size?: number } = {}): RenderedOverlay {
  return new SweepRenderer(options.size, false).render(grid, scale);
}

/**
 * Where each pixel of one frame falls: the index of its gate in the grid's codes (radial ·
 * gateCount + gate), −1 where no radial reaches or no gate lies. Depends on the radar, the beam,
 * the radials and the gates' geometry, never on the gates' data: the moments of a sweep that share
 * their gates share it, and paint with one look-up a pixel.
 */
interface PixelMap {
  /** What the map depends on besides the radials (site, beam, gate geometry, bin size). */
  key: string;
  azimuths: Float32Array;
  azimuthWidth: number | Float32Array;
  frame: MercatorFrame;
  beam: BeamModel;
  geometry: Omit<OverlayGeometry, 'crs' | 'ellipsoid'>;
  groundStepKm: number;
  /** Ground distance the frame covers (its grid's farthest gate edge). */
  maxGroundKm: number;
  /** Bins of the ground-distance → gate table (every pixel's bin is below). */
  bins: number;
  /** Per pixel of the frame (or of the row being mapped when maps are not kept). */
  cellOf: Int32Array;
}

/**
 * Renders the moments of sweeps, one sweep after another, as transparent Web Mercator PNGs.
 * Inverse mapping: each pixel's position in the radar's local plane (from exact geodesics,
 * interpolated) gives ground distance and azimuth; the azimuth octant and slope give the radial.
 * That pixel map is made once per frame and reused by the moments that cover the same range
 * (moments share azimuths and elevation); each moment then only turns ground distance into its
 * own gate through the beam model and colours the pixel from its gate's code:
 * `codeColors[codes[radial · gateCount + gate]]`, as a palette index when the colours fit a PNG
 * palette. No data (transparent codes, outside the range, no radial at that azimuth) stays
 * transparent.
 */
export class SweepRenderer {
  private readonly maps: PixelMap[] = [];
  /**
   * Memory of maps of earlier sweeps, for the next sweep's maps: fresh memory for each (4 MB at
   * 1024 px) cost page faults, zeroing and garbage collections every cut. Every entry a map
   * uses is written when its pixels are mapped.
   */
  private spareCells: Int32Array[] = [];

  /** `keepMaps` false maps pixels row by row and keeps nothing: for a single grid. */
  constructor(
    readonly size = DEFAULT_OVERLAY_SIZE,
    private readonly keepMaps = true,
  ) {}

  render(grid: PolarGrid | CodedPolarGrid, scale: ColorScale): RenderedOverlay {
    checkPolarGeometry(grid);
    checkGridData(grid, grid.radialCount * grid.gateCount, `polar grid of ${grid.radialCount} radials × ${grid.gateCount} gates`);
    const { map, fresh } = this.pixelMap(grid);
    const { codes, codeColors } = codedGatesOf(grid, scale.lut);
    if (!fresh) return encodeOverlay(map.frame, scale, map.geometry, codeColors, new MappedRowPainter(map, codes));
    const gateOfBin = gateByGroundDistance(grid, map.beam, map.groundStepKm, map.bins);
    // Each row is painted as soon as it is mapped, while its map is in cache. A map kept for
    // other moments covers the whole range; one that is not need not go past this grid's data
    // (one distance bin past its last coloured gate's edge: that bin may still be that gate's).
    const radials = radialOffsetsByOctant(radialByAzimuth(grid.azimuths, grid.azimuthWidth), grid.gateCount);
    const lastGate = this.keepMaps ? grid.gateCount - 1 : lastColouredGate(codes, codeColors, grid.gateCount);
    const lastEdgeKm = map.beam.groundKm(grid.firstGateKm + (lastGate + 0.5) * grid.gateSpacingKm);
    const reachKm = lastGate < 0 ? 0 : Math.min(map.maxGroundKm, lastEdgeKm + map.groundStepKm);
    const painter = new MappingRowPainter(map, gateOfBin, codes, radials, reachKm, new PixelRowPositions(map.frame, grid), this.keepMaps);
    return encodeOverlay(map.frame, scale, map.geometry, codeColors, painter);
  }

  /** `n` entries for a map, from a spare when one is large enough. */
  private cells(n: number): Int32Array {
    const i = this.spareCells.findIndex((c) => c.length >= n);
    return i < 0 ? new Int32Array(n) : this.spareCells.splice(i, 1)[0]!.subarray(0, n);
  }

  /** The pixel map of the grid's frame; `fresh` when its pixels are still to be mapped. */
  private pixelMap(grid: PolarGeometry): { map: PixelMap; fresh: boolean } {
    const beam = beamModel(grid.latitude, grid.elevationAngle, grid.heightM);
    const maxGroundKm = beam.groundKm(grid.firstGateKm + (grid.gateCount - 0.5) * grid.gateSpacingKm);
    const groundStepKm = Math.max((grid.gateSpacingKm * Math.cos((grid.elevationAngle * Math.PI) / 180)) / DISTANCE_BINS_PER_GATE, maxGroundKm / MAX_DISTANCE_BINS);
    const key = [grid.latitude, grid.longitude, grid.heightM, grid.elevationAngle, grid.firstGateKm, grid.gateSpacingKm, grid.gateCount, groundStepKm].join();
    // Maps of another sweep's radials will not be met again: hold one sweep's at most.
    if (this.maps[0] && (this.maps[0].azimuths !== grid.azimuths || this.maps[0].azimuthWidth !== grid.azimuthWidth)) {
      this.spareCells = this.maps.map((m) => new Int32Array(m.cellOf.buffer));
      this.maps.length = 0;
    }
    const known = this.maps.find((m) => m.key === key);
    if (known) return { map: known, fresh: false };

    const frame = overlayFrame(grid, coverageBoundary(maxGroundKm), this.size, maxGroundKm);
    const b = beam.description;
    const mapped = this.keepMaps ? frame.width * frame.height : frame.width;
    const map: PixelMap = {
      key,
      azimuths: grid.azimuths,
      azimuthWidth: grid.azimuthWidth,
      frame,
      beam,
      geometry: {
        geodesic: GEODESIC_NAME,
        beam: b && { model: BEAM_MODEL_NAME, effectiveRadiusFactor: EFFECTIVE_RADIUS_FACTOR, ...b },
        maxGroundRangeKm: maxGroundKm,
      },
      groundStepKm,
      maxGroundKm,
      bins: Math.ceil(maxGroundKm / groundStepKm) + 1,
      cellOf: this.cells(mapped),
    };
    if (this.keepMaps) this.maps.push(map);
    return { map, fresh: true };
  }
}

/**
 * A polar grid's geometry tables made once (beam, ground distance → gate, azimuth → radial), for
 * sampling it into any number of frames (map tiles) through the overlays' own pixel mapping and
 * painting: a tile and an overlay pixel at the same place take the same gate.
 */
export class PolarGridSampler {
  /** Farthest ground distance a gate reaches, km (its last gate's far edge). */
  readonly maxGroundKm: number;
  private readonly beam: BeamModel;
  private readonly groundStepKm: number;
  private readonly bins: number;
  private readonly gateOfBin: Int32Array;
  private readonly radials: Int32Array;
  /**
   * Ground distances [fromKm, toKm) at which every pixel takes a gate, whatever its azimuth; null
   * when some azimuth has no radial. A composite skips farther radars where a nearer one surely covers.
   */
  readonly surelyCovered: { fromKm: number; toKm: number } | null;

  constructor(readonly grid: CodedPolarGrid) {
    checkPolarGeometry(grid);
    checkGridData(grid, grid.radialCount * grid.gateCount, `polar grid of ${grid.radialCount} radials × ${grid.gateCount} gates`);
    this.beam = beamModel(grid.latitude, grid.elevationAngle, grid.heightM);
    this.maxGroundKm = this.beam.groundKm(grid.firstGateKm + (grid.gateCount - 0.5) * grid.gateSpacingKm);
    this.groundStepKm = Math.max((grid.gateSpacingKm * Math.cos((grid.elevationAngle * Math.PI) / 180)) / DISTANCE_BINS_PER_GATE, this.maxGroundKm / MAX_DISTANCE_BINS);
    this.bins = Math.ceil(this.maxGroundKm / this.groundStepKm) + 1;
    this.gateOfBin = gateByGroundDistance(grid, this.beam, this.groundStepKm, this.bins);
    this.radials = radialOffsetsByOctant(radialByAzimuth(grid.azimuths, grid.azimuthWidth), grid.gateCount);
    const firstBin = this.gateOfBin.findIndex((g) => g >= 0);
    let endBin = this.bins;
    while (endBin > 0 && this.gateOfBin[endBin - 1]! < 0) endBin--;
    this.surelyCovered = firstBin < 0 || this.radials.includes(-1) ? null : { fromKm: firstBin * this.groundStepKm, toKm: Math.min(endBin * this.groundStepKm, this.maxGroundKm) };
  }

  /** A painter of `frame`'s rows (pixels = codeTable[code of the gate under each pixel centre]). */
  painter(frame: PixelFrame): RowPainter {
    const { grid, beam, groundStepKm, maxGroundKm, bins } = this;
    const map: PixelMap = {
      key: '',
      azimuths: grid.azimuths,
      azimuthWidth: grid.azimuthWidth,
      frame: frame as MercatorFrame, // only its width is read when maps are not kept
      beam,
      geometry: { geodesic: GEODESIC_NAME, beam: null, maxGroundRangeKm: maxGroundKm },
      groundStepKm,
      maxGroundKm,
      bins,
      cellOf: new Int32Array(frame.width),
    };
    return new MappingRowPainter(map, this.gateOfBin, grid.codes, this.radials, maxGroundKm, new PixelRowPositions(frame, grid), false);
  }

  /**
   * For a composite: each pixel of row `row` of `plane`'s frame that this grid covers and that is
   * nearer to this radar than `best[at + col]` (squared km) takes `codeColors[code]` into
   * `out[at + col]` and its squared distance into `best`. Pixels a nearer radar already has are
   * skipped before any gate lookup, so overlapping coverage costs one comparison a pixel. Only
   * columns [from, to) of the row are offered. Each pixel's position (`plane`'s fillRow's, to the
   * bit) is made where it is used: no east/north arrays are written and read back.
   */
  offerRow(plane: LocalPlaneSampler, row: number, best: Float64Array, out: Uint32Array, at: number, codeColors: Uint32Array, from: number, to: number): void {
    const { gateOfBin, radials, grid } = this;
    const { codes } = grid;
    const perGroundStep = 1 / this.groundStepKm;
    const maxD2 = this.maxGroundKm * this.maxGroundKm;
    const { step, rowEast, rowNorth } = plane;
    for (let i = plane.prepareRow(row, from, to), col = from, k = from - i * step; col < to; i++, k = 0) {
      const e0 = rowEast[i]!;
      const n0 = rowNorth[i]!;
      const de = (rowEast[i + 1]! - e0) / step;
      const dn = (rowNorth[i + 1]! - n0) / step;
      const end = Math.min(col + step - k, to);
      for (; col < end; col++, k++) {
        const e = e0 + de * k;
        const n = n0 + dn * k;
        const d2 = e * e + n * n;
        if (!(d2 < best[at + col]!) || d2 >= maxD2) continue;
        const r = radialOffsetAt(radials, e, n);
        if (r < 0) continue;
        const g = gateOfBin[(Math.sqrt(d2) * perGroundStep) | 0]!;
        if (g < 0) continue;
        best[at + col] = d2;
        out[at + col] = codeColors[codes[r + g]!]!;
      }
    }
  }

  /** Local-plane points (east, north km pairs) around the coverage circle, for framing it. */
  boundary(): Float64Array {
    return coverageBoundary(this.maxGroundKm);
  }
}

function coverageBoundary(maxGroundKm: number): Float64Array {
  const boundary = new Float64Array(2 * BOUNDARY_POINTS);
  for (let i = 0; i < BOUNDARY_POINTS; i++) {
    const az = (2 * Math.PI * i) / BOUNDARY_POINTS;
    boundary[2 * i] = maxGroundKm * Math.sin(az);
    boundary[2 * i + 1] = maxGroundKm * Math.cos(az);
  }
  return boundary;
}

/** Paints a moment's rows from a pixel map that is already made (by another moment of the sweep). */
class MappedRowPainter implements RowPainter {
  constructor(
    protected readonly map: PixelMap,
    private readonly codes: Uint8Array | Uint16Array,
  ) {}

  paintRow(row: number, pixels: PixelRow, codeTable: PixelRow): void {
    this.paintAt(row * this.map.frame.width, pixels, codeTable);
  }

  /** Paints a row from map entry `at`. */
  protected paintAt(at: number, pixels: PixelRow, codeTable: PixelRow): void {
    paintPolarRow(this.map.cellOf, at, this.codes, codeTable, pixels);
  }
}

/**
 * Maps each row's pixels, then paints the row from it while it is in cache: into the row's place
 * in a map kept for the sweep's other moments, or into a one-row map (`keepMaps` false).
 */
class MappingRowPainter extends MappedRowPainter {
  constructor(
    map: PixelMap,
    private readonly gateOfBin: Int32Array,
    codes: Uint8Array | Uint16Array,
    private readonly radials: Int32Array,
    private readonly reachKm: number,
    private readonly positions: PixelRowPositions,
    private readonly keepMaps: boolean,
  ) {
    super(map, codes);
  }

  override paintRow(row: number, pixels: PixelRow, codeTable: PixelRow): void {
    const at = this.keepMaps ? row * this.map.frame.width : 0;
    this.positions.fill(row);
    mapPixelRow(this.map, this.radials, this.gateOfBin, this.reachKm, at, this.positions.east, this.positions.north);
    this.paintAt(at, pixels, codeTable);
  }
}

/**
 * Maps one row of pixels into the map from `at` (pixels farther than `reachKm` get no gate), on
 * locals so the JIT keeps everything in registers. `radials` holds radial offsets (radial ·
 * gateCount), `gateOfBin` the gate of each ground-distance bin.
 */
function mapPixelRow(map: PixelMap, radials: Int32Array, gateOfBin: Int32Array, reachKm: number, at: number, east: Float64Array, north: Float64Array): void {
  const { cellOf } = map;
  const perGroundStep = 1 / map.groundStepKm;
  const maxD2 = reachKm * reachKm;
  for (let col = 0; col < east.length; col++) {
    const e = east[col]!;
    const n = north[col]!;
    const d2 = e * e + n * n;
    const r = d2 < maxD2 ? radialOffsetAt(radials, e, n) : -1;
    const g = r < 0 ? -1 : gateOfBin[(Math.sqrt(d2) * perGroundStep) | 0]!;
    cellOf[at + col] = g < 0 ? -1 : r + g;
  }
}

/** The radials table's entry for local-plane point (e, n): octant and t = minor/major axis ratio index it (no atan2 per pixel). */
function radialOffsetAt(radials: Int32Array, e: number, n: number): number {
  const ae = e < 0 ? -e : e;
  const an = n < 0 ? -n : n;
  let octant: number;
  let t: number;
  if (ae > an) {
    octant = 1;
    t = an / ae;
  } else {
    octant = 0;
    t = ae / an; // 0/0 at the radar itself: NaN | 0 = 0, any radial will do
  }
  if (n < 0) octant |= 2;
  if (e < 0) octant |= 4;
  return radials[octant * (OCTANT_STEPS + 1) + ((t * OCTANT_STEPS) | 0)]!;
}

/** The per-pixel loop of a moment over one row, mapped from map entry `at`: its gate's code's colour (or palette index). */
function paintPolarRow(cellOf: Int32Array, at: number, codes: Uint8Array | Uint16Array, codeTable: PixelRow, pixels: PixelRow): void {
  for (let col = 0, m = at; col < pixels.length; col++, m++) {
    const cell = cellOf[m]!;
    if (cell >= 0) pixels[col] = codeTable[codes[cell]!]!;
  }
}

/** Highest gate index whose code has a colour in any radial, −1 when none has. */
function lastColouredGate(codes: Uint8Array | Uint16Array, colors: Uint32Array, gateCount: number): number {
  let last = -1;
  for (let start = 0; start < codes.length; start += gateCount) {
    for (let g = gateCount - 1; g > last; g--) {
      if (colors[codes[start + g]!] !== 0) {
        last = g;
        break;
      }
    }
  }
  return last;
}

/**
 * Gate index per ground-distance bin (bin k centred at (k + 0.5)·step km), −1 outside the gates:
 * gate edges go through the beam model once each, then bins between two edges take that gate.
 */
function gateByGroundDistance(grid: PolarGeometry, beam: BeamModel, stepKm: number, bins: number): Int32Array {
  const table = new Int32Array(bins).fill(-1);
  let from = binOfEdge(beam.groundKm(Math.max(0, grid.firstGateKm - grid.gateSpacingKm / 2)), stepKm, bins);
  for (let g = 0; g < grid.gateCount; g++) {
    const to = binOfEdge(beam.groundKm(grid.firstGateKm + (g + 0.5) * grid.gateSpacingKm), stepKm, bins);
    table.fill(g, from, to);
    from = to;
  }
  return table;
}

/** The first of `bins` distance bins whose centre lies beyond a gate edge at `edgeKm`. */
function binOfEdge(edgeKm: number, stepKm: number, bins: number): number {
  return Math.min(bins, Math.max(0, Math.ceil(edgeKm / stepKm - 0.5)));
}

function checkPolarGeometry(g: PolarGeometry): void {
  checkRadarSite(g.latitude, g.longitude);
  const bad = (what: string): never => {
    throw new RadomeError('BAD_INPUT', `polar grid: ${what}`);
  };
  if (!Number.isInteger(g.radialCount) || g.radialCount < 1 || g.radialCount > MAX_RADIALS) bad(`radialCount ${g.radialCount} is not an integer in 1..${MAX_RADIALS}`);
  if (!Number.isInteger(g.gateCount) || g.gateCount < 1) bad(`gateCount ${g.gateCount} is not a positive integer`);
  if (g.radialCount * g.gateCount > MAX_CELLS) bad(`${g.radialCount} radials × ${g.gateCount} gates is more than ${MAX_CELLS} gates`);
  if (g.azimuths.length !== g.radialCount) bad(`${g.azimuths.length} azimuths for ${g.radialCount} radials`);
  if (typeof g.azimuthWidth !== 'number' && g.azimuthWidth.length !== g.radialCount) {
    bad(`${g.azimuthWidth.length} azimuth widths for ${g.radialCount} radials`);
  }
  if (!(g.gateSpacingKm > 0 && g.gateSpacingKm < 100)) bad(`gate spacing ${g.gateSpacingKm} km`);
  if (!(g.firstGateKm >= -g.gateSpacingKm / 2 && g.firstGateKm < 2000)) bad(`first gate at ${g.firstGateKm} km`);
  if (!(g.elevationAngle > -5 && g.elevationAngle < 60)) bad(`elevation angle ${g.elevationAngle}°; expected (-5, 60)`);
  if (!(Math.abs(g.heightM) < 10_000)) bad(`radar height ${g.heightM} m`);
}
