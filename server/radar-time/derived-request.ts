// Arguments of rainfall, rainfallAtPoint and reflectivitySwath, checked as the other time-range
// queries check theirs (BAD_INPUT saying what to change), and the tile layer path of a request.
import { RadomeError } from '../../core/errors.js';
import { isRadarSiteId, type RadarSiteId } from '../../core/vocabulary/index.js';
import type { BBox } from '../../core/geo.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { DPR_CODE } from './instants.js';
import { MAX_SITES, RAINFALL_MAX_HOURS, SWATH_MAX_HOURS, type DerivedKind, type DerivedRequest, type RainfallMethod } from './derived-fields.js';
import { checkedWindow, knownSite } from './window.js';

/** A site farther than this outside a box cannot reach into it (no NEXRAD sweep reaches farther). */
const REACH_DEG = 5;
const bad = (message: string) => new RadomeError('BAD_INPUT', message);

export function checkedBox(box: { west: number; south: number; east: number; north: number } | null | undefined): BBox | null {
  if (!box) return null;
  const b: BBox = [box.west, box.south, box.east, box.north];
  if (!(b[0] < b[2] && b[1] < b[3] && b[1] >= -90 && b[3] <= 90 && b[0] >= -180 && b[2] <= 180)) {
    throw bad(`bbox {west: ${b[0]}, south: ${b[1]}, east: ${b[2]}, north: ${b[3]}} must have west < east and south < north within ±180°/±90° (boxes across the antimeridian are not supported)`);
  }
  return b;
}

/**
 * The sites of a request: those named (each must be catalogued), else every catalogued site near
 * the box (or anywhere) with a volume, or for rainfall a DPR product, in the window.
 */
export async function requestSites(
  catalog: Pick<CatalogReader, 'products' | 'radar'>,
  kind: DerivedKind,
  window: { from: number; to: number },
  sites: string[] | null | undefined,
  bbox: BBox | null,
): Promise<RadarSiteId[]> {
  if (sites && sites.length > 0) {
    if (sites.length > MAX_SITES) throw bad(`${sites.length} sites: ask for at most ${MAX_SITES}`);
    return [...new Set(await Promise.all(sites.map((s) => knownSite(catalog, s))))].sort();
  }
  const near = (await catalog.radar.sites()).filter(
    (s) => !bbox || (s.longitude > bbox[0] - REACH_DEG && s.longitude < bbox[2] + REACH_DEG && s.latitude > bbox[1] - REACH_DEG && s.latitude < bbox[3] + REACH_DEG),
  );
  const withData: RadarSiteId[] = [];
  for (const s of near) {
    if (
      (await catalog.radar.volumes({ site: s.id, from: window.from, to: window.to }, { first: 1 })).rows.length > 0 ||
      (kind === 'rainfall' && (await catalog.products.list({ site: s.id, codes: [DPR_CODE], from: window.from, to: window.to }, { first: 1 })).rows.length > 0)
    ) {
      withData.push(s.id);
    }
  }
  return withData.sort();
}

export async function derivedRequest(
  catalog: Parameters<typeof requestSites>[0],
  kind: DerivedKind,
  args: { from: Date; to: Date; sites?: string[] | null; bbox?: { west: number; south: number; east: number; north: number } | null; method?: RainfallMethod },
): Promise<{ request: DerivedRequest; bbox: BBox | null }> {
  const window = checkedWindow(args.from, args.to, kind === 'rainfall' ? RAINFALL_MAX_HOURS : SWATH_MAX_HOURS);
  const bbox = checkedBox(args.bbox);
  return { request: { kind, ...window, sites: await requestSites(catalog, kind, window, args.sites, bbox), method: args.method ?? 'AUTO' }, bbox };
}

const isoSecond = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/** The layer path under /tiles/ of a request: rainfall/{method}/{from}/{to}/{sites} or swath/{from}/{to}/{sites} ("-" for none). */
export function derivedLayerPath(req: DerivedRequest): string {
  const sites = req.sites.length ? req.sites.join(',') : '-';
  return req.kind === 'rainfall' ? `rainfall/${req.method}/${isoSecond(req.from)}/${isoSecond(req.to)}/${sites}` : `swath/${isoSecond(req.from)}/${isoSecond(req.to)}/${sites}`;
}

const METHODS: readonly RainfallMethod[] = ['AUTO', 'DPR', 'ZR'];

/** The request of a tile layer path's arguments (after rainfall/ or swath/); throws BAD_INPUT. */
export function parseDerivedLayer(kind: DerivedKind, args: string[], parseTime: (raw: string) => number): DerivedRequest {
  const parts = [...args];
  const method = kind === 'rainfall' ? parts.shift() : 'AUTO';
  if (!METHODS.includes(method as RainfallMethod)) throw bad(`method ${JSON.stringify(method)} is not one of ${METHODS.join(', ')}`);
  if (parts.length !== 3) throw bad(`a ${kind} layer is /tiles/${kind}/${kind === 'rainfall' ? '{method}/' : ''}{from}/{to}/{sites}`);
  const [from, to] = [parseTime(parts[0]!), parseTime(parts[1]!)];
  checkedWindow(new Date(from), new Date(to), kind === 'rainfall' ? RAINFALL_MAX_HOURS : SWATH_MAX_HOURS);
  const sites = parts[2] === '-' ? [] : parts[2]!.split(',').map((s) => s.toUpperCase());
  if (sites.length > MAX_SITES || !sites.every(isRadarSiteId)) throw bad(`sites ${JSON.stringify(parts[2])} must be up to ${MAX_SITES} comma-separated 4-letter ICAO ids such as KLOT,KILX`);
  return { kind, from, to, sites: [...new Set(sites)].sort(), method: method as RainfallMethod };
}
