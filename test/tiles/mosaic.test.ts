import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nexradSiteLocation } from '../../core/nexrad-sites.js';
import { decodeArchiveII, type Level2Volume } from '../../ingest/decode/level2/index.js';
import { latitudeOfMercatorY, longitudeOfMercatorX } from '../../ingest/render/web-mercator.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { moment, sweep31 } from '../level2/synthetic-volumes.js';
import { startSampleServer, type SampleServer } from './sample-server.js';

// Three volumes made by the project's encoder, re-sited to KLOT, KDVN and KILX (real neighbouring
// NEXRAD sites 190–210 km apart) with 150 km of gates each, so their coverages overlap. Each
// mosaic pixel is checked against the gate an independent computation picks: the nearest radar
// (Vincenty distance) whose gates reach the point, its gate by the 4/3-Earth beam model.

const T = Date.UTC(2024, 5, 1, 12, 0, 0);
const SITES = ['KLOT', 'KDVN', 'KILX'] as const;
const GATES = 600;

const A = 6378137;
const F = 1 / 298.257223563;
const RAD = Math.PI / 180;

/** Vincenty inverse on WGS84 → [metres, azimuth°]. */
function inverse(lat1: number, lon1: number, lat2: number, lon2: number): [number, number] {
  const b = A * (1 - F);
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const L = (lon2 - lon1) * RAD;
  let lambda = L;
  let sinS = 0;
  let cosS = 0;
  let sigma = 0;
  let cos2A = 0;
  let c2m = 0;
  for (let i = 0; i < 1000; i++) {
    sinS = Math.hypot(Math.cos(U2) * Math.sin(lambda), Math.cos(U1) * Math.sin(U2) - Math.sin(U1) * Math.cos(U2) * Math.cos(lambda));
    cosS = Math.sin(U1) * Math.sin(U2) + Math.cos(U1) * Math.cos(U2) * Math.cos(lambda);
    sigma = Math.atan2(sinS, cosS);
    const sinA = (Math.cos(U1) * Math.cos(U2) * Math.sin(lambda)) / sinS;
    cos2A = 1 - sinA * sinA;
    c2m = cosS - (2 * Math.sin(U1) * Math.sin(U2)) / cos2A;
    const C = (F / 16) * cos2A * (4 + F * (4 - 3 * cos2A));
    const next = L + (1 - C) * F * sinA * (sigma + C * sinS * (c2m + C * cosS * (-1 + 2 * c2m * c2m)));
    const done = Math.abs(next - lambda) < 1e-13;
    lambda = next;
    if (done) break;
  }
  const u2 = (cos2A * (A * A - b * b)) / (b * b);
  const bA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const bB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const dS = bB * sinS * (c2m + (bB / 4) * (cosS * (-1 + 2 * c2m * c2m) - (bB / 6) * c2m * (-3 + 4 * sinS * sinS) * (-3 + 4 * c2m * c2m)));
  const az = Math.atan2(Math.cos(U2) * Math.sin(lambda), Math.cos(U1) * Math.sin(U2) - Math.sin(U1) * Math.cos(U2) * Math.cos(lambda)) / RAD;
  return [b * bA * (sigma - dS), (az + 360) % 360];
}

/** Slant range (km) of a ground distance by the 4/3-Earth model (Doviak & Zrnić 2.28b-c), by bisection. */
function slantKm(groundKm: number, elevationDeg: number, h0Km: number, latitude: number): number {
  const e2 = F * (2 - F);
  const w = 1 - e2 * Math.sin(latitude * RAD) ** 2;
  const keA = ((4 / 3) * Math.sqrt(((A * (1 - e2)) / w ** 1.5) * (A / Math.sqrt(w)))) / 1000;
  const ground = (r: number) => {
    const h = Math.sqrt(r * r + (keA + h0Km) ** 2 + 2 * r * (keA + h0Km) * Math.sin(elevationDeg * RAD)) - keA;
    return keA * Math.asin((r * Math.cos(elevationDeg * RAD)) / (keA + h));
  };
  let lo = 0;
  let hi = 2 * groundKm + 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (ground(mid) < groundKm) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

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
    const [m, az] = inverse(loc.latitude, loc.longitude, lat, lon);
    const r = slantKm(m / 1000, sweep.elevationAngle, (loc.heightM + (loc.feedhornHeightM ?? 0)) / 1000, loc.latitude);
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
    const r = await server.graphql<{ mosaic: { time: string; sites: { id: string }[]; volumes: { id: string }[]; tileJsonUrl: string; valueTileJsonUrl: string; imageUrl: string; bbox: number[]; corners: number[][] } }>(
      `query($t: DateTimeISO) { mosaic(time: $t) { time sites { id } volumes { id } tileJsonUrl valueTileJsonUrl imageUrl bbox corners } }`,
      { t: new Date(T + 60_000).toISOString() },
    );
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

  it('takes each pixel from the nearest covering radar\'s gate, and masks pixels no radar covers', async () => {
    const zoom = 7;
    const time = new Date(T + 60_000).toISOString().replace('.000Z', 'Z');
    const pixelM = (2 * Math.PI * 6378137) / (2 ** zoom * 256);
    let checked = 0;
    let edges = 0;
    let uncovered = 0;
    const bySite = [0, 0, 0];
    const wrong: string[] = [];
    for (const [x, y] of [[32, 47], [33, 47], [32, 48], [33, 48]] as const) {
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
