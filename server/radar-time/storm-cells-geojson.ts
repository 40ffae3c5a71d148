// Storm cells as an RFC 7946 FeatureCollection for a MapLibre GeoJSON source: a Point per cell,
// and LineStrings for its forecast track (current position, then 15…60 min) and past track.
import { stormCellScalars, type MergedStormCell } from './storm-cells.js';

type Position = [number, number];
type Geometry = { type: 'Point'; coordinates: Position } | { type: 'LineString'; coordinates: Position[] };
export interface Feature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Record<string, string | number | boolean | null>;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

const iso = (t: number): string => new Date(t).toISOString();

function cellProperties(c: MergedStormCell): Feature['properties'] {
  return {
    feature: 'cell',
    site: c.site,
    ...stormCellScalars(c),
    time: iso(c.time),
    product: c.productIds[0]!,
  };
}

export function stormCellsGeoJson(cells: readonly MergedStormCell[]): FeatureCollection {
  const features: Feature[] = [];
  for (const c of cells) {
    const key = `${c.site}/${iso(c.time)}/${c.cellId}`;
    const here: Position = [c.position.lon, c.position.lat];
    features.push({ type: 'Feature', id: key, geometry: { type: 'Point', coordinates: here }, properties: cellProperties(c) });
    const base = { site: c.site, cellId: c.cellId, time: iso(c.time) };
    if (c.forecast.length > 0) {
      features.push({
        type: 'Feature',
        id: `${key}/forecast`,
        geometry: { type: 'LineString', coordinates: [here, ...c.forecast.map((f): Position => [f.lon, f.lat])] },
        properties: { feature: 'forecast', ...base, minutes: c.forecast.at(-1)!.minutes },
      });
    }
    if (c.past.length > 0) {
      features.push({
        type: 'Feature',
        id: `${key}/past`,
        geometry: { type: 'LineString', coordinates: [here, ...c.past.map((p): Position => [p.lon, p.lat])] },
        properties: { feature: 'past', ...base, volumes: c.past.length },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
