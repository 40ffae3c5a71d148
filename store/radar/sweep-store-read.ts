import * as zarr from 'zarrita';
import { RadomeError } from '../../core/errors.js';
import type { Level2Sweep, MomentGrid, RadarLocation } from '../../core/radar-sweep.js';
import { RADAR_MOMENTS, type Moment } from '../../core/vocabulary/index.js';
import type { ObjectStore } from '../types.js';
import { MOMENT_VARIABLES, sweepGroupName } from './sweep-store-layout.js';
import { useNodeZlib } from './zlib-codec.js';

useNodeZlib();

/** One sweep read back from a volume's sweep store, in the decoder's own types. */
export interface StoredSweep {
  site: string;
  location: RadarLocation;
  sweep: Level2Sweep;
}

/** Last key segment of a chunk (`0`, `0.0`): any other missing key is metadata, which may be absent. */
const CHUNK_KEY = /\/\d+(\.\d+)*$/;

/**
 * The object store under `prefix` as zarrita's read-only store. A missing chunk is an error, not
 * the fill value zarrita would give: radome writes every chunk, so a missing one means a damaged
 * store, whose sweep must not be served as empty.
 */
function readableStore(objects: ObjectStore, prefix: string): zarr.AsyncReadable {
  return {
    async get(key) {
      const stored = await objects.get(`${prefix}${key}`);
      if (stored) return stored.body;
      if (CHUNK_KEY.test(key)) throw new RadomeError('CORRUPT', `sweep store ${prefix}: chunk ${key.slice(1)} is missing`);
      return undefined;
    },
  };
}

function corrupt(prefix: string, what: string, cause?: unknown): RadomeError {
  if (cause instanceof RadomeError) return cause;
  const why = cause instanceof Error ? `: ${cause.message}` : '';
  return new RadomeError('CORRUPT', `sweep store ${prefix}: ${what}${why}`, { cause });
}

type Location = zarr.Location<zarr.AsyncReadable>;

async function readArray(prefix: string, at: Location, name: string): Promise<{ data: zarr.TypedArray<zarr.DataType>; shape: number[]; attrs: Record<string, unknown> }> {
  let array: zarr.Array<zarr.DataType, zarr.AsyncReadable>;
  try {
    array = await zarr.open.v2(at.resolve(name), { kind: 'array' });
  } catch (e) {
    throw corrupt(prefix, `array ${name} under ${at.path} cannot be opened`, e);
  }
  try {
    const chunk = (await storedChunk(array)) ?? (await zarr.get(array));
    if (typeof chunk !== 'object' || chunk === null || !('data' in chunk)) {
      return { data: [chunk] as unknown as zarr.TypedArray<zarr.DataType>, shape: [], attrs: array.attrs };
    }
    return { data: chunk.data as zarr.TypedArray<zarr.DataType>, shape: chunk.shape, attrs: array.attrs };
  } catch (e) {
    throw corrupt(prefix, `array ${at.path}/${name} cannot be read`, e);
  }
}

/**
 * The array's data as its first chunk when that chunk is all the array holds, with no copy: the
 * whole array in one chunk in C order (as radome writes most arrays), or a moment chunked at its
 * `gate_count` (radome's writer stores no chunk past it: they are all fill, gates past the
 * moment's own); null otherwise (other writers' stores), for zarr.get. zarr.get would copy a
 * sweep's moment (about a megabyte) out of its chunk into an array of its own.
 */
async function storedChunk(array: zarr.Array<zarr.DataType, zarr.AsyncReadable>): Promise<zarr.Chunk<zarr.DataType> | null> {
  const { shape, chunks } = array;
  if (shape.length === 0) return null;
  const whole = shape.every((n, i) => chunks[i] === n);
  const momentGates = shape.length === 2 && chunks[0] === shape[0] && chunks[1] === array.attrs.gate_count;
  if (!whole && !momentGates) return null;
  const chunk = await array.getChunk(shape.map(() => 0));
  let step = 1;
  for (let i = chunks.length - 1; i >= 0; i--) {
    if (chunk.stride[i] !== step || chunk.shape[i] !== chunks[i]) return null;
    step *= chunks[i]!;
  }
  return chunk;
}

async function scalarOf(prefix: string, at: Location, name: string): Promise<number> {
  const { data } = await readArray(prefix, at, name);
  const value = Number((data as ArrayLike<number | bigint>)[0]);
  if (!Number.isFinite(value)) throw corrupt(prefix, `${name} is not a number`);
  return value;
}

function numberAttr(prefix: string, attrs: Record<string, unknown>, name: string, where: string): number {
  const v = attrs[name];
  if (typeof v !== 'number') throw corrupt(prefix, `${where} has no numeric ${name} attribute`);
  return v;
}

/** A float32 radial coordinate of the sweep (azimuth, elevation). */
async function radialAngles(prefix: string, group: Location, name: string): Promise<Float32Array> {
  const { data } = await readArray(prefix, group, name);
  if (!(data instanceof Float32Array)) throw corrupt(prefix, `${group.path}/${name} is not float32`);
  return data;
}

/** Radial times, epoch ms: stored as int64 (whole ms) or float64. */
async function radialTimes(prefix: string, group: Location): Promise<Float64Array> {
  const { data } = await readArray(prefix, group, 'time');
  if (data instanceof Float64Array) return data;
  if (data instanceof BigInt64Array) {
    // A loop, not Float64Array.from(data, Number): that maps through a call per element.
    const out = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = Number(data[i]!);
    return out;
  }
  throw corrupt(prefix, `${group.path}/time is neither int64 nor float64`);
}

async function momentGrid(prefix: string, group: Location, moment: Moment, radials: number, axes: Map<string, Record<string, unknown>>): Promise<MomentGrid> {
  const name = MOMENT_VARIABLES[moment];
  const { data, shape, attrs } = await readArray(prefix, group, name);
  if (!(data instanceof Uint8Array || data instanceof Uint16Array) || shape.length !== 2 || shape[0] !== radials) {
    throw corrupt(prefix, `${group.path}/${name} is not a ${radials}-radial grid of 8- or 16-bit codes`);
  }
  const axisName = (attrs._ARRAY_DIMENSIONS as string[] | undefined)?.[1] ?? 'range';
  let axis = axes.get(axisName);
  if (!axis) {
    // Its attributes say the geometry (first gate, spacing): the metadata is enough, no chunk.
    axis = (
      await zarr.open.v2(group.resolve(axisName), { kind: 'array' }).catch((e: unknown) => {
        throw corrupt(prefix, `range axis ${group.path}/${axisName} cannot be opened`, e);
      })
    ).attrs;
    axes.set(axisName, axis);
  }
  const where = `${group.path}/${name}`;
  const scaleFactor = numberAttr(prefix, attrs, 'scale_factor', where);
  const addOffset = numberAttr(prefix, attrs, 'add_offset', where);
  const stored = shape[1]!;
  const gateCount = typeof attrs.gate_count === 'number' ? attrs.gate_count : stored;
  if (gateCount > stored) throw corrupt(prefix, `${where} says ${gateCount} gates but holds ${stored}`);
  let codes: Uint8Array | Uint16Array = data;
  if (gateCount !== stored) {
    codes = data instanceof Uint8Array ? new Uint8Array(radials * gateCount) : new Uint16Array(radials * gateCount);
    for (let r = 0; r < radials; r++) codes.set(data.subarray(r * stored, r * stored + gateCount), r * gateCount);
  }
  return {
    moment,
    units: String(attrs.units),
    gateCount,
    firstGateKm: numberAttr(prefix, axis, 'meters_to_center_of_first_gate', `${group.path}/${axisName}`) / 1000,
    gateSpacingKm: numberAttr(prefix, axis, 'meters_between_gates', `${group.path}/${axisName}`) / 1000,
    codes,
    // The ICD's scale and offset are float32: inverting CF's packing and rounding to float32
    // gives them back exactly (`+ 0` turns an offset of −0 into 0).
    scale: Math.fround(1 / scaleFactor),
    offset: Math.fround(-addOffset / scaleFactor) + 0,
  };
}

/** What a sweep store states once for all its sweeps: its consolidated metadata, site and location. */
interface OpenedStore {
  root: Location;
  site: string;
  location: RadarLocation;
}

/** Opened stores kept per object store (most recently used last), at most this many each. */
const OPENED_STORES = 128;
const openedStores = new WeakMap<ObjectStore, Map<string, { version: number; opened: Promise<OpenedStore> }>>();

/**
 * The store under `prefix`, opened once per `version` (a store is written whole, so a new version
 * is a new store): reading one sweep then costs its own arrays only, not the store's .zmetadata
 * (68 kB of JSON for a real volume) and root scalars again. Without a version, opened afresh.
 */
function openedStore(objects: ObjectStore, prefix: string, version: number | undefined): Promise<OpenedStore> {
  if (version === undefined) return openStore(objects, prefix);
  let stores = openedStores.get(objects);
  if (!stores) openedStores.set(objects, (stores = new Map()));
  const known = stores.get(prefix);
  stores.delete(prefix);
  if (known && known.version === version) {
    stores.set(prefix, known);
    return known.opened;
  }
  const opened = openStore(objects, prefix);
  const entry = { version, opened };
  stores.set(prefix, entry);
  if (stores.size > OPENED_STORES) stores.delete(stores.keys().next().value!);
  // A store that failed to open is tried again next time (it may be being written).
  opened.catch(() => {
    if (stores.get(prefix) === entry) stores.delete(prefix);
  });
  return opened;
}

async function openStore(objects: ObjectStore, prefix: string): Promise<OpenedStore> {
  let root: Location;
  try {
    root = zarr.root(await zarr.withConsolidatedMetadata(readableStore(objects, prefix), { format: 'v2' }));
  } catch (e) {
    if (e instanceof RadomeError) throw e;
    throw new RadomeError('NOT_FOUND', `no sweep store at ${prefix} (no readable .zmetadata)`, { cause: e });
  }
  const rootGroup = await zarr.open.v2(root, { kind: 'group' }).catch((e: unknown) => {
    throw corrupt(prefix, 'the root group cannot be opened', e);
  });
  const site = rootGroup.attrs.instrument_name;
  if (typeof site !== 'string') throw corrupt(prefix, 'the root group states no instrument_name');
  const [latitude, longitude, altitude, agl] = await Promise.all([
    scalarOf(prefix, root, 'latitude'),
    scalarOf(prefix, root, 'longitude'),
    scalarOf(prefix, root, 'altitude'),
    (await hasArray(root, 'altitude_agl')) ? scalarOf(prefix, root, 'altitude_agl') : Promise.resolve(undefined),
  ]);
  const location: RadarLocation = agl === undefined ? { latitude, longitude, heightM: altitude } : { latitude, longitude, heightM: altitude - agl, feedhornHeightM: agl };
  return { root, site, location };
}

/**
 * Reads sweep `sweepIndex` (the group `sweep_<i>`, 0-based in elevation order) of the sweep store
 * under `zarrPrefix` with the `moments` asked for (those the cut has), as the decoder's
 * Level2Sweep: codes, scale, offset and gate geometry exactly as decoded, so whatever renders a
 * decoded sweep renders a stored one the same. `version` (e.g. the volume's ingest time) lets the
 * store's metadata be kept for its next sweeps. Throws RadomeError: NOT_FOUND for a store or
 * sweep that does not exist, CORRUPT for missing or undecodable parts.
 */
export async function readStoredSweep(objects: ObjectStore, zarrPrefix: string, sweepIndex: number, moments: readonly Moment[], version?: number): Promise<StoredSweep> {
  const prefix = zarrPrefix.replace(/\/+$/, '');
  if (!Number.isInteger(sweepIndex) || sweepIndex < 0) throw new RadomeError('BAD_INPUT', `sweep index ${sweepIndex} is not a whole number ≥ 0`);
  const { root, site, location } = await openedStore(objects, prefix, version);
  const name = sweepGroupName(sweepIndex);
  const groupAt = root.resolve(name);
  const group = await zarr.open.v2(groupAt, { kind: 'group' }).catch((e: unknown) => {
    throw new RadomeError('NOT_FOUND', `sweep store ${prefix} has no ${name}`, { cause: e });
  });
  const [azimuths, elevations, times] = await Promise.all([radialAngles(prefix, groupAt, 'azimuth'), radialAngles(prefix, groupAt, 'elevation'), radialTimes(prefix, groupAt)]);
  const radialCount = azimuths.length;
  if (radialCount === 0 || elevations.length !== radialCount || times.length !== radialCount) throw corrupt(prefix, `${name}'s azimuth, elevation and time differ in length`);
  const attrs = group.attrs;
  const axes = new Map<string, Record<string, unknown>>();
  const wanted = RADAR_MOMENTS.filter((m) => moments.includes(m));
  const grids = await Promise.all(wanted.map(async (moment) => ((await hasArray(groupAt, MOMENT_VARIABLES[moment])) ? momentGrid(prefix, groupAt, moment, radialCount, axes) : null)));
  const read: Partial<Record<Moment, MomentGrid>> = {};
  for (const grid of grids) if (grid) read[grid.moment] = grid;
  return {
    site,
    location: { ...location },
    sweep: {
      elevationNumber: numberAttr(prefix, attrs, 'elevation_number', name),
      elevationAngle: numberAttr(prefix, attrs, 'fixed_angle', name),
      startTime: times[0]!,
      endTime: times[radialCount - 1]!,
      radialCount,
      azimuths,
      elevations,
      times,
      azimuthSpacing: numberAttr(prefix, attrs, 'ray_angle_resolution', name),
      moments: read,
    },
  };
}

/** Whether the store's consolidated metadata lists an array `name` under `at`. */
async function hasArray(at: Location, name: string): Promise<boolean> {
  try {
    await zarr.open.v2(at.resolve(name), { kind: 'array' });
    return true;
  } catch (e) {
    if (e instanceof zarr.NotFoundError) return false;
    throw e;
  }
}
