import { level2SweepId } from '../../core/vocabulary/index.js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { momentCodeValues } from '../decode/level2/moment-values.js';
import { polarGridOf } from '../level2/plan.js';
import { codeColors, colorScaleForMoment } from './index.js';
import { PolarTileSource, decodeValuePixel, renderTile, tileColors, tileRange } from './render-tile.js';
import { locationOf, sampleLevel2Path, sampleVolume } from '../../test/tiles/sample-sweep.js';
import { readSample, startSampleServer, type SampleServer } from '../../test/tiles/sample-server.js';
import { testSite } from '../../test/support/ids.js';

function rgba(png: Uint8Array): Uint8Array {
  return new Uint8Array(PNG.sync.read(Buffer.from(png)).data);
}

describe.skipIf(!sampleLevel2Path)('tiles served from the stored sweep of the sample volume', () => {
  let server: SampleServer;
  let sweepId: string;
  let tileJsonUrl: string;
  let valueTileJsonUrl: string;
  beforeAll(async () => {
    server = await startSampleServer({ klot: readSample(sampleLevel2Path!) });
    const r = await server.graphql<{ sweeps: { edges: { node: { id: string; tileJsonUrl: string; valueTileJsonUrl: string } }[] } }>(
      '{ sweeps(filter: { moments: [REF] }, order: ASC, first: 1) { edges { node { id tileJsonUrl valueTileJsonUrl } } } }',
    );
    expect(r.errors).toBeUndefined();
    ({ id: sweepId, tileJsonUrl, valueTileJsonUrl } = r.data!.sweeps.edges[0]!.node);
  });
  afterAll(() => server?.close());

  it('gives each sweep TileJSON 3.0 documents for colour and value tiles', async () => {
    expect(sweepId).toBe(`${server.volumeId}/e01-REF`);
    expect(tileJsonUrl).toBe(`${server.url}/tiles/sweep/${sweepId}/tilejson.json`);
    const doc = (await (await fetch(tileJsonUrl)).json()) as Record<string, unknown>;
    expect(doc).toMatchObject({ tilejson: '3.0.0', scheme: 'xyz', minzoom: 0, maxzoom: 14, tiles: [`${server.url}/tiles/sweep/${sweepId}/{z}/{x}/{y}.png`] });
    expect(typeof doc.attribution).toBe('string');
    expect((doc.legend as { units: string }).units).toBe('dBZ');
    const [w, s, e, n] = doc.bounds as number[];
    expect(w).toBeLessThan(-88.08);
    expect(e).toBeGreaterThan(-88.08);
    expect(s).toBeLessThan(41.6);
    expect(n).toBeGreaterThan(41.6);
    const values = (await (await fetch(valueTileJsonUrl)).json()) as Record<string, unknown>;
    expect(values.tiles).toEqual([`${server.url}/tiles/sweep/${sweepId}/value/{z}/{x}/{y}.png`]);
    expect(values.encoding).toMatchObject({ scale: 0.001, offset: -10000 });
  });

  it('serves tiles rendered from the stored (Zarr) sweep equal to tiles of the decoded file, with immutable ETags', async () => {
    const volume = sampleVolume();
    const sweep = volume.sweeps[0]!;
    const grid = sweep.moments.REF!;
    const scale = colorScaleForMoment('REF');
    const source = new PolarTileSource(polarGridOf(locationOf(volume), sweep, grid, scale));
    const colors = tileColors(codeColors(scale, momentCodeValues(grid)));
    const [x0, y0, x1, y1] = tileRange(source.bbox, 7);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        for (const [suffix, size] of [
          ['', 256],
          ['@2x', 512],
        ] as const) {
          const res = await fetch(`${server.url}/tiles/sweep/${sweepId}/7/${x}/${y}${suffix}.png`);
          expect(res.status).toBe(200);
          expect(res.headers.get('content-type')).toBe('image/png');
          expect(res.headers.get('cache-control')).toContain('immutable');
          const body = new Uint8Array(await res.arrayBuffer());
          expect(Buffer.from(body).equals(Buffer.from(renderTile(source, colors, 7, x, y, size)))).toBe(true);
        }
      }
    }
    const url = `${server.url}/tiles/sweep/${sweepId}/8/65/95.png`;
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it("value tiles carry the values of the colour tiles' gates", async () => {
    const scale = colorScaleForMoment('REF');
    let valued = 0;
    let mismatched = 0;
    for (const [x, y] of [
      [65, 95],
      [66, 95],
      [65, 96],
    ] as const) {
      const colour = rgba(new Uint8Array(await (await fetch(`${server.url}/tiles/sweep/${sweepId}/8/${x}/${y}.png`)).arrayBuffer()));
      const value = rgba(new Uint8Array(await (await fetch(`${server.url}/tiles/sweep/${sweepId}/value/8/${x}/${y}.png`)).arrayBuffer()));
      for (let i = 0; i < colour.length; i += 4) {
        const v = decodeValuePixel(value[i]!, value[i + 1]!, value[i + 2]!, value[i + 3]!);
        const c = (colour[i + 3]! << 24) | (colour[i + 2]! << 16) | (colour[i + 1]! << 8) | colour[i]!;
        if (!Number.isNaN(v)) valued++;
        if (c >>> 0 !== (Number.isNaN(v) ? 0 : scale.colorOf(v))) mismatched++;
      }
    }
    expect(valued).toBeGreaterThan(1000);
    expect(mismatched).toBe(0);
  });

  it('serves the newest sweep of a site, moment and elevation with a short max-age', async () => {
    const res = await fetch(`${server.url}/tiles/latest/KLOT/REF/0.5/8/65/95.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    const newest = (await server.catalog.reader.radar.sweeps({ site: testSite('KLOT'), moments: ['REF'], minElevation: 0.2, maxElevation: 0.8, order: 'DESC' }, { first: 1 })).rows[0]!;
    expect(res.headers.get('etag')).toContain(newest.id);
    const direct = await fetch(`${server.url}/tiles/sweep/${newest.id}/8/65/95.png`);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(await direct.arrayBuffer()))).toBe(true);
    const doc = (await (await fetch(`${server.url}/tiles/latest/KLOT/REF/0.5/tilejson.json`)).json()) as { tiles: string[] };
    expect(doc.tiles[0]).toBe(`${server.url}/tiles/latest/KLOT/REF/0.5/{z}/{x}/{y}.png`);
  });

  it('answers bad tile addresses with 400 and unknown layers with 404, with a message', async () => {
    const cases: [string, number, RegExp][] = [
      [`sweep/${sweepId}/15/0/0.png`, 400, /zoom 15/],
      [`sweep/${sweepId}/3/8/0.png`, 400, /tile x 8 is outside/],
      [`sweep/${sweepId}/3/0/9.png`, 400, /tile y 9 is outside/],
      [`sweep/${sweepId}/3/0/-1.png`, 404, /no such tile path/],
      [`sweep/${server.volumeId}/e99-REF/3/0/0.png`, 404, /no sweep/],
      ['product/KLOT_N0H_20210131_110630/3/0/0.png', 404, /no product/],
      ['nonsense/3/0/0.png', 404, /unknown tile layer/],
      ['latest/KLOT/XYZ/0.5/3/0/0.png', 400, /moment: "XYZ" is not a radar moment/],
      ['latest/KLOT/REF/high/3/0/0.png', 400, /elevation "high"/],
      ['latest/KXXX/REF/0.5/3/0/0.png', 404, /no REF sweep of KXXX/],
      ['mosaic/REF/yesterday/3/0/0.png', 400, /not an ISO 8601/],
      ['mosaic/REF/2022-13-45T00:00:00Z/tilejson.json', 400, /not an ISO 8601/],
    ];
    for (const [path, status, message] of cases) {
      const res = await fetch(`${server.url}/tiles/${path}`);
      expect(res.status, path).toBe(status);
      const body = (await res.json()) as { errors: { message: string }[] };
      expect(body.errors[0]!.message, path).toMatch(message);
    }
  });

  it('answers a missing stored chunk with a typed 404, and does not cache the failure', async () => {
    const chunkKey = `${server.zarrPrefix}/sweep_2/DBZH/0.0`;
    const chunk = await server.objects.get(chunkKey);
    expect(chunk).not.toBeNull();
    await server.objects.delete([chunkKey]);
    const row = (await server.catalog.reader.radar.sweepsByIds([level2SweepId(server.volumeId!, 3, 'REF')]))[0]!;
    expect(row).toBeTruthy();
    const res = await fetch(`${server.url}/tiles/sweep/${row.id}/8/65/95.png`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors: { message: string; extensions: { reason: string } }[] };
    expect(body.errors[0]!.extensions.reason).toBe('CORRUPT');
    expect(body.errors[0]!.message).toMatch(/chunk .* is missing/);
    await server.objects.put(chunkKey, chunk!.body, chunk!.contentType);
    expect((await fetch(`${server.url}/tiles/sweep/${row.id}/8/65/95.png`)).status).toBe(200);
  });
});
