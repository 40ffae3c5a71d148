import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLevel3 } from '../../ingest/decode/level3/index.js';
import { productGrid } from '../../ingest/level3/product-render.js';
import { PolarTileSource, RasterTileSource, renderTile, tileColors, tileRange } from '../../ingest/render/render-tile.js';
import type { CodedCartesianGrid, CodedPolarGrid } from '../../ingest/render/types.js';
import { graphicProduct, hydrometeorProduct, rasterProduct } from '../level3-ingest/synthetic-products.js';
import { startSampleServer, type SampleServer } from './sample-server.js';

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
});
