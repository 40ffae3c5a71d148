import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLevel3 } from '../decode/level3/index.js';
import { productGrid } from '../level3/product-render.js';
import { PolarPointSampler } from './gate-at-point.js';
import { PolarTileSource, RasterTileSource, renderTile, tileColors, tileRange, valueCodeColors } from './render-tile.js';
import type { CodedCartesianGrid, CodedPolarGrid } from './types.js';
import { graphicProduct, hydrometeorProduct, rasterProduct } from '../../test/level3-ingest/synthetic-products.js';
import { startSampleServer, type SampleServer } from '../../test/tiles/sample-server.js';

interface ProductNode {
  id: string;
  mnemonic: string;
  tileJsonUrl: string | null;
  valueTileJsonUrl: string | null;
}

describe('Level 3 product tiles', () => {
  let server: SampleServer;
  const files = { 'level3-n0h': hydrometeorProduct(), 'level3-raster': rasterProduct(), 'level3-graphic': graphicProduct() };
  let products: ProductNode[];
  beforeAll(async () => {
    server = await startSampleServer(files);
    const r = await server.graphql<{ products: { edges: { node: ProductNode }[] } }>('{ products(first: 10) { edges { node { id mnemonic imageUrl tileJsonUrl valueTileJsonUrl } } } }');
    expect(r.errors).toBeUndefined();
    products = r.data!.products.edges.map((e) => e.node);
  });
  afterAll(() => server?.close());

  it("serves radial and raster products as tiles equal to their decoded grid's, and no tiles for graphic products", async () => {
    expect(products).toHaveLength(3);
    const withGrid = products.filter((p) => p.tileJsonUrl !== null);
    expect(withGrid).toHaveLength(2);
    for (const [key, bytes] of Object.entries(files)) {
      const product = decodeLevel3(bytes);
      if (!product.radial && !product.raster) continue;
      const node = withGrid.find((p) => (p.mnemonic === 'N0H') === (product.radial !== null))!;
      expect(node, key).toBeTruthy();
      const doc = (await (await fetch(node.tileJsonUrl!)).json()) as { tiles: string[]; bounds: number[] };
      const { grid, scale } = productGrid(product);
      const source = 'radialCount' in grid ? new PolarTileSource(grid as CodedPolarGrid) : new RasterTileSource(grid as CodedCartesianGrid);
      const [x0, y0, x1, y1] = tileRange(source.bbox, 8);
      let painted = 0;
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const res = await fetch(doc.tiles[0]!.replace('{z}', '8').replace('{x}', String(x)).replace('{y}', String(y)));
          expect(res.status).toBe(200);
          const body = Buffer.from(await res.arrayBuffer());
          expect(body.equals(Buffer.from(renderTile(source, tileColors(grid.codeColors), 8, x, y, 256)))).toBe(true);
          const px = PNG.sync.read(body).data;
          for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) painted++;
        }
      }
      expect(painted, key).toBeGreaterThan(100);
      expect(scale.legend.entries.length).toBeGreaterThan(0);
      expect((await fetch(node.valueTileJsonUrl!)).status).toBe(200);
    }
    const graphic = products.find((p) => p.tileJsonUrl === null)!;
    const res = await fetch(`${server.url}/tiles/product/${graphic.id}/tilejson.json`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/no radial or raster grid/);
  });

  /** A value tile's pixels decoded by its TileJSON's own encoding: the value, NaN for no echo and for no data. */
  async function valueTile(template: string, encoding: { scale: number; offset: number }, z: number, x: number, y: number): Promise<{ values: Float64Array; bytes: Buffer }> {
    const res = await fetch(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const px = PNG.sync.read(bytes).data;
    const values = new Float64Array(px.length / 4);
    for (let i = 0; i < values.length; i++) {
      values[i] = px[4 * i + 3] === 255 ? Math.round(((px[4 * i]! << 16) | (px[4 * i + 1]! << 8) | px[4 * i + 2]!) * encoding.scale * 1e3 + encoding.offset * 1e3) / 1e3 : NaN;
    }
    return { values, bytes };
  }

  it("serves value tiles of radial products holding the decoded product's value at each point, and of raster products its values cell by cell", async () => {
    for (const [key, bytes] of Object.entries(files)) {
      const product = decodeLevel3(bytes);
      if (!product.radial && !product.raster) continue;
      const node = products.find((p) => p.tileJsonUrl !== null && (p.mnemonic === 'N0H') === (product.radial !== null))!;
      const doc = (await (await fetch(node.valueTileJsonUrl!)).json()) as { tiles: string[]; encoding: { format: string; scale: number; offset: number } };
      expect(doc.encoding.format).toBe('rgb-value');
      const { grid, levelValues } = productGrid(product);
      const round = (v: number) => Math.round(v * 1e3) / 1e3;
      const z = 9;
      if ('radialCount' in grid) {
        // Radial: each tile pixel whose 3 × 3 neighbourhood holds one value (not astride a gate edge)
        // holds the value of the gate the exact point lookup finds under its centre.
        const polar = grid as CodedPolarGrid;
        const sampler = new PolarPointSampler(polar);
        const [x0, y0, x1, y1] = tileRange(new PolarTileSource(polar).bbox, z);
        let compared = 0;
        for (let x = x0; x <= x1; x++) {
          for (let y = y0; y <= y1; y++) {
            const { values } = await valueTile(doc.tiles[0]!, doc.encoding, z, x, y);
            for (let row = 1; row < 255; row += 3) {
              for (let col = 1; col < 255; col += 3) {
                const v = values[row * 256 + col]!;
                if (Number.isNaN(v) || ![-1, 0, 1].every((dy) => [-1, 0, 1].every((dx) => values[(row + dy) * 256 + col + dx] === v))) continue;
                const n = 2 ** z;
                const lon = ((x + (col + 0.5) / 256) / n) * 360 - 180;
                const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + (row + 0.5) / 256)) / n))) * 180) / Math.PI;
                const gate = sampler.lookup(lat, lon);
                expect('outside' in gate, `${key} z${z}/${x}/${y} px ${col},${row}`).toBe(false);
                if ('outside' in gate) continue;
                expect(v, `${key} at ${lon.toFixed(4)}, ${lat.toFixed(4)}`).toBe(round(levelValues[polar.codes[gate.radial * polar.gateCount + gate.gate]!]!));
                compared++;
              }
            }
          }
        }
        expect(compared, key).toBeGreaterThan(100);
      } else {
        // Raster: the value tile is the decoded grid's cells, each coloured by its value.
        const source = new RasterTileSource(grid as CodedCartesianGrid);
        const [x0, y0, x1, y1] = tileRange(source.bbox, z);
        const levels = new Set(Array.from(levelValues, round));
        let valued = 0;
        for (let x = x0; x <= x1; x++) {
          for (let y = y0; y <= y1; y++) {
            const { values, bytes: png } = await valueTile(doc.tiles[0]!, doc.encoding, z, x, y);
            expect(png.equals(Buffer.from(renderTile(source, tileColors(valueCodeColors(levelValues)), z, x, y, 256)))).toBe(true);
            for (const v of values) if (!Number.isNaN(v)) expect(levels.has(v)).toBe(true), valued++;
          }
        }
        expect(valued, key).toBeGreaterThan(100);
      }
    }
  });
});
