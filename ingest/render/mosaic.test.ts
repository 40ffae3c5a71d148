import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nexradSiteLocation } from '../../core/nexrad-sites.js';
import { decodeArchiveII, type Level2Volume } from '../decode/level2/index.js';
import { latitudeOfMercatorY, longitudeOfMercatorX } from './web-mercator.js';
import { encodeArchiveII } from '../../test/fixtures/archive2-encoder.js';
import { moment, sweep31 } from '../../test/level2/synthetic-volumes.js';
import { slantRangeKm, besselInverse } from '../../test/tiles/independent-geodesy.js';
import { startSampleServer, type SampleServer } from '../../test/tiles/sample-server.js';

// Three volumes made by the project's encoder, re-sited to KLOT, KDVN and KILX (real neighbouring
// NEXRAD sites 190–210 km apart) with 150 km of gates each, so their coverages overlap. Each
// mosaic pixel is checked against the gate an independent computation picks: the nearest radar
// (geodesic distance) whose gates reach the point, its gate by the 4/3-Earth beam model.

const T = Date.UTC(2024, 5, 1, 12, 0, 0);
const SITES = ['KLOT', 'KDVN', 'KILX'] as const;
const GATES = 600;

function volumeOf(site: string, seed: number): Uint8Array {
  const loc = nexradSiteLocation(site)!;
  return encodeArchiveII({
    site,
    volumeStart: T + seed * 20_000,
    vcp: 212,
    location: { latitude: loc.latitude, longitude: loc.longitude, heightM: loc.heightM ?? 0, feedhornHeightM: 20 },
    compression: 'none',
    radialsPerRecord: 120,
    sweeps31: [sweep31(1, 0.5, 0.5, 720, T + seed * 20_000, { REF: moment('REF', 720, GATES, seed) })],
  });
}

type Expected = { kind: 'none' } | { kind: 'edge' } | { kind: 'gate'; value: number | null; site: number };

/** The pixel centre's expected value, or 'edge' when it lies within sampling tolerance of a gate, radial or radar boundary. */
function expected(volumes: Level2Volume[], lat: number, lon: number): Expected {
  const found: { km: number; site: number; value: number | null; edge: boolean }[] = [];
  volumes.forEach((v, site) => {
    const loc = v.location!;
    const sweep = v.sweeps[0]!;
    const grid = sweep.moments.REF!;
    const [m, az] = besselInverse(loc.latitude, loc.longitude, lat, lon);
    const r = slantRangeKm(m / 1000, sweep.elevationAngle, (loc.heightM + (loc.feedhornHeightM ?? 0)) / 1000, loc.latitude);
    const g = (r - grid.firstGateKm) / grid.gateSpacingKm + 0.5;
    const gate = Math.floor(g);
    const gateEdge = Math.min(g - gate, gate + 1 - g) < 0.04;
    if (gate < 0 || gate >= grid.gateCount) {
      if (gateEdge) found.push({ km: m / 1000, site, value: null, edge: true });
      return;
    }
    const radialF = (az - 0.25) / 0.5 + 0.5;
    const radial = Math.floor(radialF) % 720;
    const radialEdge = Math.min(radialF - Math.floor(radialF), Math.ceil(radialF) - radialF) < 0.04;
    const code = grid.codes[radial * grid.gateCount + gate]!;
    found.push({ km: m / 1000, site, value: code < 2 ? null : Math.fround((code - grid.offset) / grid.scale), edge: gateEdge || radialEdge });
  });
  if (found.length === 0) return { kind: 'none' };
  found.sort((a, b) => a.km - b.km);
  const [first, second] = found;
  if (first!.edge || (second && second.km - first!.km < 0.05)) return { kind: 'edge' };
  return { kind: 'gate', value: first!.value, site: first!.site };
}

describe('national mosaic of re-sited volumes', () => {
  let server: SampleServer;
  let volumes: Level2Volume[];
  beforeAll(async () => {
    const files = Object.fromEntries(SITES.map((s, i) => [s, volumeOf(s, i + 1)]));
    volumes = SITES.map((s) => decodeArchiveII(files[s]!));
    server = await startSampleServer(files);
  });
  afterAll(() => server?.close());

  it('lists the sites, volumes and URLs it uses', async () => {
    const r = await server.graphql<{
      mosaic: { time: string; sites: { id: string }[]; volumes: { id: string }[]; tileJsonUrl: string; valueTileJsonUrl: string; imageUrl: string; bbox: number[]; corners: number[][] };
    }>(`query($t: DateTimeISO) { mosaic(time: $t) { time sites { id } volumes { id } tileJsonUrl valueTileJsonUrl imageUrl bbox corners } }`, { t: new Date(T + 60_000).toISOString() });
    expect(r.errors).toBeUndefined();
    const m = r.data!.mosaic;
    expect(m.sites.map((s) => s.id)).toEqual(['KDVN', 'KILX', 'KLOT']);
    expect(m.volumes).toHaveLength(3);
    expect(m.bbox).toEqual([-130, 20, -60, 55]);
    expect(m.tileJsonUrl).toBe(`${server.url}/tiles/mosaic/REF/2024-06-01T12:01:00Z/tilejson.json`);
    const doc = (await (await fetch(m.valueTileJsonUrl)).json()) as { tiles: string[]; encoding: object };
    expect(doc.tiles[0]).toBe(`${server.url}/tiles/mosaic/REF/2024-06-01T12:01:00Z/value/{z}/{x}/{y}.png`);
    const none = await server.graphql<{ mosaic: { sites: unknown[] } }>(`{ mosaic(time: "2024-06-01T14:00:00Z") { sites { id } } }`);
    expect(none.data!.mosaic.sites).toEqual([]);
  });

  it("takes each pixel from the nearest covering radar's gate, and masks pixels no radar covers", async () => {
    const zoom = 7;
    const time = new Date(T + 60_000).toISOString().replace('.000Z', 'Z');
    const pixelM = (2 * Math.PI * 6378137) / (2 ** zoom * 256);
    let checked = 0;
    let edges = 0;
    let uncovered = 0;
    const bySite = [0, 0, 0];
    const wrong: string[] = [];
    for (const [x, y] of [
      [32, 47],
      [33, 47],
      [32, 48],
      [33, 48],
    ] as const) {
      const res = await fetch(`${server.url}/tiles/mosaic/REF/${time}/value/${zoom}/${x}/${y}.png`);
      expect(res.status).toBe(200);
      const px = PNG.sync.read(Buffer.from(await res.arrayBuffer())).data;
      for (let row = 1; row < 256; row += 3) {
        for (let col = 1; col < 256; col += 3) {
          const mx = -Math.PI * 6378137 + (x * 256 + col + 0.5) * pixelM;
          const my = Math.PI * 6378137 - (y * 256 + row + 0.5) * pixelM;
          const e = expected(volumes, latitudeOfMercatorY(my), longitudeOfMercatorX(mx));
          const i = 4 * (row * 256 + col);
          const [r, g, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
          if (e.kind === 'edge') {
            edges++;
            continue;
          }
          checked++;
          if (e.kind === 'none') {
            uncovered++;
            if (a !== 0) wrong.push(`${x}/${y} ${col},${row}: covered by no radar, alpha ${a}`);
            continue;
          }
          bySite[e.site]!++;
          const got = a === 255 ? Math.round(((r << 16) | (g << 8) | b) - 10_000_000) / 1000 : a === 128 ? null : 'no data';
          const want = e.value === null ? null : Math.round(e.value * 1000) / 1000;
          if (got !== want) wrong.push(`${x}/${y} ${col},${row}: got ${got}, want ${want} from ${SITES[e.site]}`);
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(edges / (edges + checked)).toBeLessThan(0.3);
    expect(uncovered).toBeGreaterThan(100);
    for (const n of bySite) expect(n).toBeGreaterThan(100);
  });

  it('makes the CONUS frame at 0.01° with its JSON: echo, no echo and no radar told apart', async () => {
    const time = new Date(T + 60_000).toISOString().replace('.000Z', 'Z');
    const json = (await (await fetch(`${server.url}/tiles/mosaic/REF/${time}/frame.json`)).json()) as { image: { width: number; height: number }; sites: string[]; imageUrl: string };
    expect(json.image).toMatchObject({ width: 7000, height: 3500, crs: 'EPSG:4326' });
    expect(json.sites).toEqual(['KDVN', 'KILX', 'KLOT']);
    const png = PNG.sync.read(Buffer.from(await (await fetch(json.imageUrl)).arrayBuffer()));
    const alphaAt = (lon: number, lat: number) => png.data[4 * (Math.floor((55 - lat) / 0.01) * 7000 + Math.floor((lon + 130) / 0.01)) + 3]!;
    expect(alphaAt(-110, 35)).toBe(0);
    let covered = 0;
    // From 8 km out: the first gate starts 2 km from the radar.
    for (let k = 5; k < 55; k++) if (alphaAt(-88.08 + 0.02 * k, 41.6) > 0) covered++;
    expect(covered).toBe(50);
  });
});
