import { RadomeError } from '../../core/errors.js';
import { BEAM_MODEL_NAME, EFFECTIVE_RADIUS_FACTOR, beamModel, type BeamModel } from './beam-model.js';
import type { ColorScale } from './color-scale.js';
import { checkGridData, codedGatesOf } from './gate-codes.js';
import { AZIMUTH_SECTORS, OCTANT_STEPS, radialByAzimuth, radialOffsetsByOctant, sectorMaxima } from './radial-lookup.js';
import { LocalPlaneSampler } from './local-plane-sampler.js';
import { DEFAULT_OVERLAY_SIZE, GEODESIC_NAME, checkRadarSite, encodeOverlay, overlayFrame, type PixelRow, type RowPainter } from './render-overlay.js';
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
 *
 * Pixels are mapped by node cell of the frame's local-plane sampler (32 × 32 pixels at 1024 px),
 * and only as far out as a moment has a coloured gate in the cell's azimuths: for that moment a
 * cell whose every pixel lies farther is transparent without a look-up, and it is mapped only
 * once a later moment reaches it. Moments rarely reach their last gate, and then in few radials
 * (Doppler moments and higher cuts stop far short of it, clutter and far echoes are patches), so
 * most of a frame is never mapped nor looked up.
 */
interface PixelMap {
  plane: LocalPlaneSampler;
  /** Per node cell of `plane` (row-major), a distance (km) no pixel of it is nearer the radar than. */
  cellNearestKm: Float64Array;
  /** Per node cell, the azimuth sectors its pixels lie in (first, count: LocalPlaneSampler.cellSectors). */
  cellSectors: Int16Array;
  groundStepKm: number;
  /** Ground distance the frame covers (its grid's farthest gate edge). */
  maxGroundKm: number;
  /** The gate of each ground-distance bin (every pixel's bin is below its length), −1 outside the gates. */
  gateOfBin: Int32Array;
  /** The radial offset (radial · gateCount) of each azimuth octant step (radialOffsetsByOctant), −1 where none reaches. */
  radials: Int32Array;
  /** Per pixel of the frame when kept for several moments (`kept`), else per pixel of the row being painted. */
  cellOf: Int32Array;
  kept: boolean;
  /** Per node cell, 1 once a kept map has its pixels in `cellOf`. */
  cellMapped: Uint8Array;
}

/** A pixel map of an overlay's frame, kept for the moments of one sweep that share a gate geometry. */
interface OverlayMap extends PixelMap {
  /** What the map depends on besides the radials (site, beam, gate geometry, bin size). */
  key: string;
  azimuths: Float32Array;
  azimuthWidth: number | Float32Array;
  frame: MercatorFrame;
  beam: BeamModel;
  geometry: Omit<OverlayGeometry, 'crs' | 'ellipsoid'>;
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
  private readonly maps: OverlayMap[] = [];
  /** The radial of each azimuth bin (radialByAzimuth) of the sweep whose maps are held. */
  private byAzimuth: Int32Array | null = null;
  /**
   * Memory of maps of earlier sweeps, for the next sweep's maps: fresh memory for each (4 MB at
   * 1024 px) cost page faults, zeroing and garbage collections every cut. Every entry a map
   * reads is written when its pixels are mapped.
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
    const map = this.pixelMap(grid);
    const { codes, codeColors } = codedGatesOf(grid, scale.lut);
    const painter = new PolarRowPainter(map, codes, cellReachKm(map, radialReachKm(grid, map, codes, codeColors), grid.gateCount));
    try {
      return encodeOverlay(map.frame, scale, map.geometry, codeColors, painter);
    } catch (e) {
      // A map left part-mapped must not serve the next moments.
      this.maps.splice(this.maps.indexOf(map), 1);
      throw e;
    }
  }

  /** `n` entries for a map, from a spare when one is large enough. */
  private cells(n: number): Int32Array {
    const i = this.spareCells.findIndex((c) => c.length >= n);
    return i < 0 ? new Int32Array(n) : this.spareCells.splice(i, 1)[0]!.subarray(0, n);
  }

  /** The pixel map of the grid's frame: one kept for an earlier moment, else a new one with no pixel mapped yet. */
  private pixelMap(grid: PolarGeometry): OverlayMap {
    const beam = beamModel(grid.latitude, grid.elevationAngle, grid.heightM);
    const maxGroundKm = beam.groundKm(grid.firstGateKm + (grid.gateCount - 0.5) * grid.gateSpacingKm);
    const groundStepKm = Math.max((grid.gateSpacingKm * Math.cos((grid.elevationAngle * Math.PI) / 180)) / DISTANCE_BINS_PER_GATE, maxGroundKm / MAX_DISTANCE_BINS);
    const key = [grid.latitude, grid.longitude, grid.heightM, grid.elevationAngle, grid.firstGateKm, grid.gateSpacingKm, grid.gateCount, groundStepKm].join();
    // Maps of another sweep's radials will not be met again: hold one sweep's at most.
    if (this.byAzimuth && (this.maps[0]?.azimuths !== grid.azimuths || this.maps[0]?.azimuthWidth !== grid.azimuthWidth)) {
      this.spareCells = this.maps.map((m) => new Int32Array(m.cellOf.buffer));
      this.maps.length = 0;
      this.byAzimuth = null;
    }
    const known = this.maps.find((m) => m.key === key);
    if (known) return known;

    const frame = overlayFrame(grid, coverageBoundary(maxGroundKm), this.size, maxGroundKm);
    const plane = new LocalPlaneSampler(frame, grid.latitude, grid.longitude);
    const cellNearestKm = plane.cellNearestKm();
    const bins = Math.ceil(maxGroundKm / groundStepKm) + 1;
    const byAzimuth = this.byAzimuth ?? radialByAzimuth(grid.azimuths, grid.azimuthWidth);
    const b = beam.description;
    const map: OverlayMap = {
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
      plane,
      cellNearestKm,
      cellSectors: plane.cellSectors(cellNearestKm),
      groundStepKm,
      maxGroundKm,
      gateOfBin: gateByGroundDistance(grid, beam, groundStepKm, bins),
      radials: radialOffsetsByOctant(byAzimuth, grid.gateCount),
      cellOf: this.cells(this.keepMaps ? frame.width * frame.height : frame.width),
      kept: this.keepMaps,
      cellMapped: new Uint8Array(cellNearestKm.length),
    };
    if (this.keepMaps) {
      this.maps.push(map);
      this.byAzimuth = byAzimuth;
    }
    return map;
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
  private readonly groundStepKm: number;
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
    const beam = beamModel(grid.latitude, grid.elevationAngle, grid.heightM);
    this.maxGroundKm = beam.groundKm(grid.firstGateKm + (grid.gateCount - 0.5) * grid.gateSpacingKm);
    this.groundStepKm = Math.max((grid.gateSpacingKm * Math.cos((grid.elevationAngle * Math.PI) / 180)) / DISTANCE_BINS_PER_GATE, this.maxGroundKm / MAX_DISTANCE_BINS);
    const bins = Math.ceil(this.maxGroundKm / this.groundStepKm) + 1;
    this.gateOfBin = gateByGroundDistance(grid, beam, this.groundStepKm, bins);
    this.radials = radialOffsetsByOctant(radialByAzimuth(grid.azimuths, grid.azimuthWidth), grid.gateCount);
    const firstBin = this.gateOfBin.findIndex((g) => g >= 0);
    let endBin = bins;
    while (endBin > 0 && this.gateOfBin[endBin - 1]! < 0) endBin--;
    this.surelyCovered = firstBin < 0 || this.radials.includes(-1) ? null : { fromKm: firstBin * this.groundStepKm, toKm: Math.min(endBin * this.groundStepKm, this.maxGroundKm) };
  }

  /** A painter of `frame`'s rows (pixels = codeTable[code of the gate under each pixel centre]). */
  painter(frame: PixelFrame): RowPainter {
    const { grid, groundStepKm, maxGroundKm, gateOfBin, radials } = this;
    const plane = new LocalPlaneSampler(frame, grid.latitude, grid.longitude);
    // Every cell mapped and painted, as tiles were before cells were bounded (not measured for tiles).
    const cells = plane.cellsX * plane.cellsY;
    const cellNearestKm = new Float64Array(cells);
    const cellSectors = new Int16Array(2 * cells);
    const map: PixelMap = { plane, cellNearestKm, cellSectors, groundStepKm, maxGroundKm, gateOfBin, radials, cellOf: new Int32Array(frame.width), kept: false, cellMapped: new Uint8Array(cells) };
    return new PolarRowPainter(map, grid.codes, new Float64Array(cells).fill(maxGroundKm));
  }

  /**
   * For a composite: each pixel of row `row` of `plane`'s frame that this grid covers and that is
   * nearer to this radar than `best[at + col]` (squared km) takes `codeColors[code]` into
   * `out[at + col]` and its squared distance into `best`. Pixels a nearer radar already has are
   * skipped before any gate lookup, so overlapping coverage costs one comparison a pixel. Only
   * columns [from, to) of the row are offered. Each pixel's position (`plane`'s fillRow's, to the
   * bit) is made where it is used: no east/north arrays are written and read back. The segment
   * walk is fillRow's and mapPixels' written out again: folds measured 5-14 % slower (see mapPixels).
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

/**
 * Paints a moment's rows from a pixel map, node cell by node cell: cells whose every pixel lies
 * beyond the moment's reach there stay transparent; cells a kept map has not mapped yet, or every
 * cell of a map that is not kept, are mapped first (row by row, so a row is painted while its map
 * is in cache).
 */
class PolarRowPainter implements RowPainter {
  /** The node cell row being painted, and what to do in each of its cells: 0 nothing, 1 paint, 2 map and paint. */
  private cellRow = -1;
  private readonly work: Uint8Array;

  constructor(
    private readonly map: PixelMap,
    private readonly codes: Uint8Array | Uint16Array,
    /** Per node cell, how far (km) the moment may have a coloured gate among its pixels. */
    private readonly cellReachKm: Float64Array,
  ) {
    this.work = new Uint8Array(map.plane.cellsX);
  }

  paintRow(row: number, pixels: PixelRow, codeTable: PixelRow): void {
    const { map, codes, work } = this;
    const { plane, cellOf } = map;
    const { step, cellsX } = plane;
    const width = pixels.length;
    const at = map.kept ? row * width : 0;
    const cellRow = plane.cellRowOf(row);
    // A cell row's rows come one after another: its cells are settled (and a kept map's marked
    // mapped) as it begins.
    if (cellRow !== this.cellRow) this.settle(cellRow);
    let prepared = false;
    for (let cell = 0; cell < cellsX; cell++) {
      const task = work[cell]!;
      if (task === 0) continue;
      const from = cell * step;
      const to = cell === cellsX - 1 ? width : from + step;
      if (task === 2) {
        if (!prepared) plane.prepareRow(row, 0, width);
        prepared = true;
        mapPixels(map, at, from, to);
      }
      paintPixels(cellOf, at, codes, codeTable, pixels, from, to);
    }
  }

  private settle(cellRow: number): void {
    const { map, work, cellReachKm } = this;
    const { cellNearestKm, cellMapped } = map;
    const first = cellRow * work.length;
    for (let cell = 0; cell < work.length; cell++) {
      const k = first + cell;
      if (!(cellNearestKm[k]! < cellReachKm[k]!)) work[cell] = 0;
      else if (map.kept && cellMapped[k] === 1) work[cell] = 1;
      else {
        work[cell] = 2;
        cellMapped[k] = 1;
      }
    }
    this.cellRow = cellRow;
  }
}

/**
 * Per radial, how far (km) its last coloured gate reaches: one distance bin past that gate's far
 * edge (that bin may still be that gate's); 0 for a radial with no coloured gate.
 */
function radialReachKm(grid: PolarGeometry, map: OverlayMap, codes: Uint8Array | Uint16Array, codeColors: Uint32Array): Float64Array {
  const lastGates = lastColouredGates(codes, codeColors, grid.gateCount);
  const reach = new Float64Array(lastGates.length);
  for (let r = 0; r < reach.length; r++) {
    const last = lastGates[r]!;
    if (last >= 0) reach[r] = Math.min(map.maxGroundKm, map.beam.groundKm(grid.firstGateKm + (last + 0.5) * grid.gateSpacingKm) + map.groundStepKm);
  }
  return reach;
}

/**
 * Per node cell, the farthest reach (radialReachKm) of the radials its pixels may take: those of
 * the azimuth sectors it spans. A pixel farther takes a later gate of its radial, or none.
 */
function cellReachKm(map: PixelMap, reachOfRadial: Float64Array, gateCount: number): Float64Array {
  const bySector = sectorMaxima(map.radials, gateCount, reachOfRadial);
  const { cellSectors } = map;
  const reach = new Float64Array(map.cellNearestKm.length);
  for (let cell = 0; cell < reach.length; cell++) {
    const first = cellSectors[2 * cell]!;
    const count = cellSectors[2 * cell + 1]!;
    let most = 0;
    for (let s = 0; s < count; s++) most = Math.max(most, bySector[(first + s) % AZIMUTH_SECTORS]!);
    reach[cell] = most;
  }
  return reach;
}

/**
 * Maps the pixels [from, to) of the row `map.plane` has prepared into cellOf from `at`, on locals
 * so the JIT keeps everything in registers. Positions are interpolated between the row's nodes
 * with fillRow's very arithmetic (the same bits); pixels beyond the last gate get none. The loop is
 * written out here, in offerRow and in fillRow on purpose. Folds measured on the KLOT volume (CPU,
 * alternated before/after processes) all cost more: one shared loop calling back per pixel ~5 %;
 * positions filled by fillRow into arrays and read back, per cell ~5 %, per row ~14 %; per-pixel
 * segment lookups (slopes made in prepareRow) ~10 %.
 */
function mapPixels(map: PixelMap, at: number, from: number, to: number): void {
  const { cellOf, radials, gateOfBin } = map;
  const { step, rowEast, rowNorth } = map.plane;
  const perGroundStep = 1 / map.groundStepKm;
  const maxD2 = map.maxGroundKm * map.maxGroundKm;
  for (let i = Math.floor(from / step), col = from, k = from - i * step; col < to; i++, k = 0) {
    const e0 = rowEast[i]!;
    const n0 = rowNorth[i]!;
    const de = (rowEast[i + 1]! - e0) / step;
    const dn = (rowNorth[i + 1]! - n0) / step;
    const end = Math.min(col + step - k, to);
    for (; col < end; col++, k++) {
      const e = e0 + de * k;
      const n = n0 + dn * k;
      const d2 = e * e + n * n;
      const r = d2 < maxD2 ? radialOffsetAt(radials, e, n) : -1;
      const g = r < 0 ? -1 : gateOfBin[(Math.sqrt(d2) * perGroundStep) | 0]!;
      cellOf[at + col] = g < 0 ? -1 : r + g;
    }
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

/** The per-pixel loop of a moment over pixels [from, to) of a row mapped from map entry `at`: its gate's code's colour (or palette index). */
function paintPixels(cellOf: Int32Array, at: number, codes: Uint8Array | Uint16Array, codeTable: PixelRow, pixels: PixelRow, from: number, to: number): void {
  for (let col = from, m = at + from; col < to; col++, m++) {
    const cell = cellOf[m]!;
    if (cell >= 0) pixels[col] = codeTable[codes[cell]!]!;
  }
}

/**
 * Per radial, the highest gate index whose code has a colour, −1 when none has. The gates beyond
 * a moment's data are nearly all code 0 (below threshold), so when code 0 is transparent each
 * radial is read back from its end a 32-bit word of 0 at a time (on the real KLOT volume, 39 M
 * gates: ~20 ms a volume).
 */
function lastColouredGates(codes: Uint8Array | Uint16Array, colors: Uint32Array, gateCount: number): Int32Array {
  const perWord = 4 / codes.BYTES_PER_ELEMENT;
  const words = colors[0] === 0 && codes.byteOffset % 4 === 0 ? new Uint32Array(codes.buffer, codes.byteOffset, codes.byteLength >> 2) : null;
  const lastGates = new Int32Array(codes.length / gateCount);
  for (let radial = 0, start = 0; radial < lastGates.length; radial++, start += gateCount) {
    let g = gateCount - 1;
    if (words !== null) {
      // Gate by gate to a word's last code, then back over words of 0 that lie wholly in the radial.
      while (g >= 0 && (start + g + 1) % perWord !== 0 && colors[codes[start + g]!] === 0) g--;
      if (g >= 0 && (start + g + 1) % perWord === 0) {
        const lowest = Math.ceil(start / perWord);
        let w = (start + g + 1) / perWord - 1;
        while (w >= lowest && words[w] === 0) w--;
        g = (w + 1) * perWord - 1 - start;
      }
    }
    while (g >= 0 && colors[codes[start + g]!] === 0) g--;
    lastGates[radial] = g;
  }
  return lastGates;
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
