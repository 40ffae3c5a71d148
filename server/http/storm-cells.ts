import type { ServerResponse } from 'node:http';
import { isRadomeError } from '../../core/errors.js';
import type { ObjectStore } from '../../store/types.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { errorBody } from '../errors.js';
import { stormCellsGeoJson } from '../radar-time/storm-cells-geojson.js';
import { readStormCells, STORM_CELLS_MAX_HOURS } from '../radar-time/storm-cells.js';
import { timeWindow } from '../radar-time/window.js';
import { sendJson } from './respond.js';

export const STORM_CELLS_PATH = '/storm-cells.geojson';

/** The route's URL for a window, as `stormCellsGeoJsonUrl` gives it; `baseUrl` ends with "/". */
export function stormCellsGeoJsonUrl(baseUrl: string, site: string, from: Date, to: Date): string {
  const query = new URLSearchParams({ site, from: from.toISOString(), to: to.toISOString() });
  return `${baseUrl}${STORM_CELLS_PATH.slice(1)}?${query}`;
}

/** GET /storm-cells.geojson?site=KLOT&from=…&to=…: an RFC 7946 FeatureCollection; bad arguments get 400 BAD_USER_INPUT. */
export async function serveStormCells(res: ServerResponse, search: string, catalog: CatalogReader, objects: ObjectStore): Promise<void> {
  const q = new URLSearchParams(search);
  const missing = ['site', 'from', 'to'].filter((k) => !q.get(k));
  if (missing.length) return sendJson(res, 400, errorBody('BAD_USER_INPUT', `missing query parameter ${missing.join(', ')}: use ?site=KLOT&from=2021-04-19T18:00:00Z&to=2021-04-19T20:00:00Z`));
  try {
    const window = await timeWindow(catalog, q.get('site')!, new Date(q.get('from')!), new Date(q.get('to')!), STORM_CELLS_MAX_HOURS);
    const body = JSON.stringify(stormCellsGeoJson(await readStormCells(catalog, objects, window)));
    res.writeHead(200, { 'content-type': 'application/geo+json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (e) {
    if (isRadomeError(e) && e.code === 'BAD_INPUT') return sendJson(res, 400, errorBody('BAD_USER_INPUT', e.message));
    throw e;
  }
}
