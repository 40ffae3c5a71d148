import { MOMENTS, type Level2Sweep, type Level2Volume, type MomentGrid, type RadarLocation } from '../decode/level2/types.js';
import type { ObjectToPut } from '../../store/types.js';
import { MOMENT_COORDINATES, MOMENT_NAMES, MOMENT_VARIABLES, sweepGroupName, TIME_UNITS } from '../../store/radar/sweep-store-layout.js';
import { encodeZarrArray, zarrStoreObjects, type EncodedZarrArray, type ZarrNode } from '../zarr/zarr-v2.js';

/**
 * A volume's analysis-ready sweep store (Zarr v2, FM-301 / CfRadial 2.1 as xradar lays NEXRAD
 * out; see store/radar/sweep-store-layout.ts). Pure: decoded volume in, objects out.
 */

/** One cut's sweep group, its arrays already compressed: held until the cuts are ordered. */
export interface EncodedCut {
  elevationNumber: number;
  elevationAngle: number;
  startTime: number;
  endTime: number;
  attrs: Record<string, unknown>;
  arrays: { name: string; array: EncodedZarrArray }[];
}

/** The range axis a moment lies on: gates of `spacingM` from `firstM` (metres, as the file states). */
interface GateAxis {
  name: string;
  firstM: number;
  spacingM: number;
  gateCount: number;
}

const metres = (km: number): number => Math.round(km * 1000);

/**
 * The cut's range axes: `range` is the first moment's (MOMENTS order, REF first, as xradar),
 * as long as the longest moment on it; a moment with other gate geometry (message 1's
 * Doppler moments) gets its own `range_<VARIABLE>`.
 */
function gateAxes(sweep: Level2Sweep): Map<MomentGrid, GateAxis> {
  const axes = new Map<MomentGrid, GateAxis>();
  let main: GateAxis | null = null;
  for (const moment of MOMENTS) {
    const grid = sweep.moments[moment];
    if (!grid) continue;
    const firstM = metres(grid.firstGateKm);
    const spacingM = metres(grid.gateSpacingKm);
    main ??= { name: 'range', firstM, spacingM, gateCount: 0 };
    const axis = main.firstM === firstM && main.spacingM === spacingM ? main : { name: `range_${MOMENT_VARIABLES[moment]}`, firstM, spacingM, gateCount: 0 };
    axis.gateCount = Math.max(axis.gateCount, grid.gateCount);
    axes.set(grid, axis);
  }
  return axes;
}

/**
 * Range arrays encoded, by axis: a site's volumes of one VCP repeat their cuts' gate geometry (the
 * KLOT volume's 12 cuts have 9 axes), so each distinct axis is compressed once per thread, not
 * once per cut (~1 ms of a volume's encode). Encoded arrays are never written to, so cuts share
 * them. A few hundred kB at most are kept; the oldest goes first.
 */
const rangeArrays = new Map<string, EncodedZarrArray>();
const RANGE_ARRAYS_KEPT = 64;

function rangeArray(axis: GateAxis): EncodedZarrArray {
  const key = `${axis.name} ${axis.firstM} ${axis.spacingM} ${axis.gateCount}`;
  let encoded = rangeArrays.get(key);
  if (!encoded) {
    encoded = encodeRangeArray(axis);
    if (rangeArrays.size >= RANGE_ARRAYS_KEPT) rangeArrays.delete(rangeArrays.keys().next().value!);
    rangeArrays.set(key, encoded);
  }
  return encoded;
}

function encodeRangeArray(axis: GateAxis): EncodedZarrArray {
  const centres = new Float32Array(axis.gateCount);
  for (let g = 0; g < centres.length; g++) centres[g] = axis.firstM + g * axis.spacingM;
  return encodeZarrArray({
    shape: [axis.gateCount],
    dtype: '<f4',
    data: centres,
    fillValue: null,
    attrs: {
      _ARRAY_DIMENSIONS: [axis.name],
      standard_name: 'projection_range_coordinate',
      long_name: 'range_to_measurement_volume',
      units: 'meters',
      axis: 'radial_range_coordinate',
      meters_to_center_of_first_gate: axis.firstM,
      meters_between_gates: axis.spacingM,
      spacing_is_constant: 'true',
    },
  });
}

function momentArray(sweep: Level2Sweep, grid: MomentGrid, axis: GateAxis): EncodedZarrArray {
  const coordinates = axis.name === 'range' ? MOMENT_COORDINATES : MOMENT_COORDINATES.replace('range', axis.name);
  const attrs: Record<string, unknown> = {
    _ARRAY_DIMENSIONS: ['azimuth', axis.name],
    ...MOMENT_NAMES[grid.moment],
    units: grid.units,
    scale_factor: 1 / grid.scale,
    add_offset: -grid.offset / grid.scale,
    _FillValue: 0,
    missing_value: [0, 1],
    coordinates,
    comment: 'packed NEXRAD codes: 0 below threshold, 1 range folded (both missing); value = (code - offset) / scale of the ICD',
  };
  // Gates past the moment's own are the fill value (below threshold); say where its radials end.
  // Chunked at the moment's own gate count, its codes are the first chunk as they are, and the
  // gates past them lie in chunks of nothing but fill, which are not stored: padding each radial
  // cost a copy of the codes and compressing the padding (~10 ms of CPU for a real volume's 21).
  const padded = grid.gateCount !== axis.gateCount;
  if (padded) attrs.gate_count = grid.gateCount;
  return encodeZarrArray({
    shape: [sweep.radialCount, axis.gateCount],
    ...(padded ? { chunkShape: [sweep.radialCount, grid.gateCount] } : {}),
    dtype: grid.codes instanceof Uint8Array ? '|u1' : '<u2',
    data: grid.codes,
    deflate: 'runs',
    fillValue: 0,
    attrs,
  });
}

/**
 * Radial times as whole epoch milliseconds (int64), which CF readers decode exactly: from float
 * milliseconds xarray's decoding is off by tens of nanoseconds. The ICD's times are whole
 * milliseconds; a time that is not is kept as float64.
 */
function timeArray(times: Float64Array, attrs: Record<string, unknown>): EncodedZarrArray {
  const whole = times.every(Number.isSafeInteger);
  const data = whole ? int64Of(times) : times;
  return encodeZarrArray({ shape: [times.length], dtype: whole ? '<i8' : '<f8', data, deflate: 'stored', fillValue: null, attrs });
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TWO_TO_32 = 2 ** 32;

/**
 * Safe integers as int64, written as two 32-bit halves on a little-endian host: a BigInt per
 * radial (BigInt64Array.from) cost ~3 ms of a real volume's ~80 ms encode (8,640 radials).
 */
function int64Of(values: Float64Array): BigInt64Array {
  if (!HOST_IS_LITTLE_ENDIAN) return BigInt64Array.from(values, (v) => BigInt(v));
  const out = new BigInt64Array(values.length);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const high = Math.floor(v / TWO_TO_32);
    words[2 * i] = v - high * TWO_TO_32;
    // Two's complement of a negative high half: Uint32Array stores it modulo 2^32.
    words[2 * i + 1] = high;
  }
  return out;
}

/** Encodes one cut's sweep group (coordinates and every moment); call while its grids are alive. */
export function encodeCut(sweep: Level2Sweep): EncodedCut {
  const { elevationNumber, elevationAngle, startTime, endTime, radialCount: n } = sweep;
  const radial = (extra: Record<string, unknown>) => ({ _ARRAY_DIMENSIONS: ['azimuth'], ...extra });
  const arrays: EncodedCut['arrays'] = [
    {
      name: 'azimuth',
      array: encodeZarrArray({
        shape: [n],
        dtype: '<f4',
        data: sweep.azimuths,
        deflate: 'stored',
        fillValue: null,
        attrs: radial({ standard_name: 'ray_azimuth_angle', long_name: 'azimuth_angle_from_true_north', units: 'degrees', axis: 'radial_azimuth_coordinate' }),
      }),
    },
    {
      name: 'elevation',
      array: encodeZarrArray({
        shape: [n],
        dtype: '<f4',
        data: sweep.elevations,
        deflate: 'stored',
        fillValue: null,
        attrs: radial({ standard_name: 'ray_elevation_angle', long_name: 'elevation_angle_from_horizontal_plane', units: 'degrees', axis: 'radial_elevation_coordinate' }),
      }),
    },
    { name: 'time', array: timeArray(sweep.times, radial({ standard_name: 'time', long_name: 'time of the radial', units: TIME_UNITS, calendar: 'standard' })) },
  ];
  const axes = gateAxes(sweep);
  for (const axis of new Set(axes.values())) arrays.push({ name: axis.name, array: rangeArray(axis) });
  for (const [grid, axis] of axes) arrays.push({ name: MOMENT_VARIABLES[grid.moment], array: momentArray(sweep, grid, axis) });
  return {
    elevationNumber,
    elevationAngle,
    startTime,
    endTime,
    attrs: {
      sweep_mode: 'azimuth_surveillance',
      follow_mode: 'none',
      prt_mode: 'not_set',
      // The cut's mean elevation: radome decodes no planned (VCP) angle per cut.
      fixed_angle: elevationAngle,
      elevation_number: elevationNumber,
      ray_angle_resolution: sweep.azimuthSpacing,
      time_coverage_start: isoSeconds(startTime),
      time_coverage_end: isoSeconds(endTime),
    },
    arrays,
  };
}

/** CfRadial's time format: `2022-03-17T00:08:42Z`. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function scalar(value: number, attrs: Record<string, unknown>): EncodedZarrArray {
  return encodeZarrArray({ shape: [], dtype: '<f8', data: new Float64Array([value]), fillValue: null, attrs: { _ARRAY_DIMENSIONS: [], ...attrs } });
}

/** What the root group states of the volume. */
export interface StoredVolumeFacts {
  site: string;
  volumeId: string;
  vcp: number | null;
  location: RadarLocation;
}

/**
 * The whole store's objects under `prefix` from its cuts (in any order: they are numbered
 * sweep_0, sweep_1, … by elevation number).
 */
export function sweepStoreObjects(prefix: string, volume: StoredVolumeFacts, encodedCuts: readonly EncodedCut[]): ObjectToPut[] {
  const cuts = [...encodedCuts].sort((a, b) => a.elevationNumber - b.elevationNumber);
  const { location } = volume;
  const groupNames = cuts.map((_, i) => sweepGroupName(i));
  const width = Math.max(...groupNames.map((g) => g.length));
  const start = Math.min(...cuts.map((c) => c.startTime));
  const end = Math.max(...cuts.map((c) => c.endTime));
  const nodes: ZarrNode[] = [
    {
      path: '',
      group: {
        Conventions: 'Cf/Radial',
        version: '2.1',
        title: `NEXRAD Level 2 volume ${volume.volumeId}`,
        instrument_name: volume.site,
        platform_is_mobile: 'false',
        source: 'NEXRAD Level 2 (Archive II), decoded and stored by radome',
        scan_name: volume.vcp === null ? 'unknown' : `VCP-${volume.vcp}`,
        volume_id: volume.volumeId,
        // Attributes rather than CfRadial's string variables: six objects fewer to write per volume.
        time_coverage_start: isoSeconds(start),
        time_coverage_end: isoSeconds(end),
      },
    },
    { path: 'latitude', array: scalar(location.latitude, { standard_name: 'latitude', long_name: 'latitude', units: 'degrees_north' }) },
    { path: 'longitude', array: scalar(location.longitude, { standard_name: 'longitude', long_name: 'longitude', units: 'degrees_east' }) },
    {
      path: 'altitude',
      array: scalar(location.heightM + (location.feedhornHeightM ?? 0), { standard_name: 'altitude', long_name: 'altitude of the antenna above mean sea level', units: 'meters', positive: 'up' }),
    },
    ...(location.feedhornHeightM === undefined
      ? []
      : [{ path: 'altitude_agl', array: scalar(location.feedhornHeightM, { long_name: 'altitude of the antenna above ground level', units: 'meters', positive: 'up' }) }]),
    {
      path: 'sweep_group_name',
      array: encodeZarrArray({ shape: [cuts.length], dtype: `<U${width}`, data: groupNames, fillValue: null, attrs: { _ARRAY_DIMENSIONS: ['sweep'], long_name: 'group name of each sweep' } }),
    },
    {
      path: 'sweep_fixed_angle',
      array: encodeZarrArray({
        shape: [cuts.length],
        dtype: '<f8',
        data: Float64Array.from(cuts, (c) => c.elevationAngle),
        fillValue: null,
        attrs: { _ARRAY_DIMENSIONS: ['sweep'], long_name: 'fixed angle of each sweep', units: 'degrees' },
      }),
    },
  ];
  cuts.forEach((cut, i) => {
    nodes.push({ path: groupNames[i]!, group: { sweep_number: i, ...cut.attrs } });
    for (const { name, array } of cut.arrays) nodes.push({ path: `${groupNames[i]}/${name}`, array });
  });
  return zarrStoreObjects(prefix, nodes);
}

/** A decoded volume's sweep store: the objects to put under `prefix`. */
export function encodeSweepStore(prefix: string, volume: Level2Volume, volumeId: string, location: RadarLocation): ObjectToPut[] {
  return sweepStoreObjects(prefix, { site: volume.site, volumeId, vcp: volume.vcp, location }, volume.sweeps.map(encodeCut));
}
