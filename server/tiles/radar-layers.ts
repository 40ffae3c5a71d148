import { RadomeError } from '../../core/errors.js';
import { momentCodeValues } from '../../ingest/decode/level2/moment-values.js';
import type { Moment } from '../../core/vocabulary/index.js';
import { polarGridOf } from '../../ingest/level2/plan.js';
import { productGrid } from '../../ingest/level3/product-render.js';
import { colorScaleForMoment } from '../../ingest/render/index.js';
import { PolarPointSampler } from '../../ingest/render/gate-at-point.js';
import { PolarTileSource, RasterTileSource, renderTile, tileColors, valueCodeColors, type TileColors, type TileSource } from '../../ingest/render/render-tile.js';
import type { CodedCartesianGrid, CodedPolarGrid, ColorLegend } from '../../ingest/render/types.js';
import type { CatalogReader, ProductRow, SweepRow } from '../../store/catalog/index.js';
import type { ServedLayer } from '../http/tiles.js';
import type { RadarGridSource } from './grid-source.js';
import { ByteBudgetLru } from './lru.js';

/** A decoded grid made ready for tiles and point values. */
export interface GridLayer {
  source: TileSource;
  /** Colour tiles (the overlays' tables) and value tiles (VALUE_ENCODING). */
  colors: TileColors;
  values: TileColors;
  legend: ColorLegend;
  units: string;
  /** Physical value of each code (index = code), NaN for codes without one. */
  codeValues: Float32Array;
  /** Polar grids only: the grid, its exact point lookup and each radial's time (epoch ms; null for products). */
  polar: { grid: CodedPolarGrid; points: PolarPointSampler; radialTimes: Float64Array | null } | null;
  /** What the layer holds in memory, for the cache's budget. */
  bytes: number;
}

/** A moment's legend and units without decoding its sweep (TileJSON needs no data). */
function unitsOf(moment: string): { legend: ColorLegend; units: string } {
  const scale = colorScaleForMoment(moment as Moment);
  return { legend: scale.legend, units: scale.units };
}

/** Memory of a layer's tables besides its codes: octant and distance tables, colour tables, sampler. */
const LAYER_OVERHEAD_BYTES = 400_000;

function layerOf(grid: CodedPolarGrid | CodedCartesianGrid, codeValues: Float32Array, legend: ColorLegend, units: string, radialTimes: Float64Array | null): GridLayer {
  const polar = 'radialCount' in grid ? grid : null;
  return {
    source: polar ? new PolarTileSource(polar) : new RasterTileSource(grid as CodedCartesianGrid),
    colors: tileColors(grid.codeColors),
    values: tileColors(valueCodeColors(codeValues)),
    legend,
    units,
    codeValues,
    polar: polar && polarLookup(polar, radialTimes),
    bytes: grid.codes.byteLength + 3 * grid.codeColors.byteLength + (radialTimes?.byteLength ?? 0) + LAYER_OVERHEAD_BYTES,
  };
}

/** A polar layer's point lookup, made on the first point asked (a layer loaded for tiles needs none). */
function polarLookup(grid: CodedPolarGrid, radialTimes: Float64Array | null): NonNullable<GridLayer['polar']> {
  let points: PolarPointSampler | undefined;
  return {
    grid,
    radialTimes,
    get points() {
      return (points ??= new PolarPointSampler(grid));
    },
  };
}

/**
 * Sweeps and products as grid layers, decoded from the stored data on first use and kept in a
 * least-recently-used cache bounded in bytes (RADOME_TILE_CACHE_MB).
 */
export class RadarLayers {
  private readonly cache: ByteBudgetLru<GridLayer>;

  constructor(
    readonly catalog: CatalogReader,
    readonly grids: RadarGridSource,
    cacheBytes: number,
  ) {
    this.cache = new ByteBudgetLru(cacheBytes, (layer) => layer.bytes);
  }

  sweepLayer(row: SweepRow): Promise<GridLayer> {
    return this.cache.get(`sweep:${row.id}`, async () => {
      const volume = (await this.catalog.radar.volumesByIds([row.volumeId]))[0];
      if (!volume) throw new RadomeError('NOT_FOUND', `the catalog has sweep ${row.id} but not its volume ${row.volumeId}`);
      const { location, sweep } = await this.grids.loadSweep(row, volume);
      const moment = row.moment as Moment;
      const grid = sweep.moments[moment];
      if (!grid) throw new RadomeError('NOT_FOUND', `the stored volume ${row.volumeId} has no ${moment} in cut ${row.elevationNumber}`);
      const scale = colorScaleForMoment(moment);
      const codeValues = momentCodeValues(grid);
      const polar = polarGridOf(location, sweep, grid, scale);
      return layerOf(polar, codeValues, scale.legend, grid.units, sweep.times);
    });
  }

  productLayer(row: ProductRow): Promise<GridLayer> {
    return this.cache.get(`product:${row.id}`, async () => {
      if (row.imageKey === null) throw new RadomeError('NOT_FOUND', `product ${row.id} has no radial or raster grid (graphic, tabular or null product)`);
      const product = await this.grids.loadProduct(row);
      if (!product.radial && !product.raster) throw new RadomeError('CORRUPT', `the stored product ${row.rawKey} has no radial or raster image`);
      const { grid, scale, levelValues } = productGrid(product);
      return layerOf(grid, levelValues, scale.legend, row.units, null);
    });
  }

  /** A sweep as a tile layer; its ETag changes if its volume is ingested again. */
  async servedSweep(row: SweepRow, cacheControl: string): Promise<ServedLayer> {
    const volume = (await this.catalog.radar.volumesByIds([row.volumeId]))[0];
    const angle = row.elevationAngle.toFixed(2);
    return {
      name: `${row.site} ${row.moment} ${angle}° ${new Date(row.startTime).toISOString()}`,
      description: `NEXRAD Level 2 ${row.moment} of ${row.site}, cut ${row.elevationNumber} at ${angle}°, volume ${row.volumeId}.`,
      bbox: row.bbox,
      ...unitsOf(row.moment),
      etag: `${row.id}@${volume?.ingestedAt ?? 0}`,
      cacheControl,
      render: async (z, x, y, size, value) => {
        const layer = await this.sweepLayer(row);
        return renderTile(layer.source, value ? layer.values : layer.colors, z, x, y, size);
      },
    };
  }

  /** A radial/raster product as a tile layer; its ETag changes if it is ingested again. */
  async servedProduct(row: ProductRow, cacheControl: string): Promise<ServedLayer> {
    const layer = await this.productLayer(row);
    return {
      name: `${row.site} ${row.mnemonic} ${new Date(row.scanTime).toISOString()}`,
      description: `NEXRAD Level 3 ${row.name} (${row.mnemonic}, code ${row.code}) of ${row.site}.`,
      bbox: layer.source.bbox,
      legend: layer.legend,
      units: row.units,
      etag: `${row.id}@${row.ingestedAt}`,
      cacheControl,
      render: async (z, x, y, size, value) => renderTile(layer.source, value ? layer.values : layer.colors, z, x, y, size),
    };
  }
}
