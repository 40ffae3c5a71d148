import { levelValueTable, type Level3Product, type RadialImage, type RasterImage } from '../decode/level3/index.js';
import { codeColors, renderPolarPng, renderRasterPng, type ColorScale } from '../render/index.js';
import type { CodedCartesianGrid, CodedPolarGrid, RenderedOverlay } from '../render/types.js';
import { colorScaleForProduct } from './product-scale.js';

/**
 * Bins of products with an elevation angle are along that beam (slant range); products without one
 * (accumulations, hybrid scans) are already on the ground plane (elevation 0: no beam model).
 */
function polarGridOf(product: Level3Product, radial: RadialImage, colors: Uint32Array): CodedPolarGrid {
  const d = product.description;
  return {
    latitude: d.latitude,
    longitude: d.longitude,
    heightM: d.heightM,
    elevationAngle: d.elevationAngle ?? 0,
    radialCount: radial.radialCount,
    gateCount: radial.binCount,
    azimuths: radial.azimuths,
    azimuthWidth: radial.azimuthWidths,
    firstGateKm: radial.firstBinKm,
    gateSpacingKm: radial.binSizeKm,
    codes: radial.levels,
    codeColors: colors,
  };
}

/**
 * Raster I/J are 1/4 km east and north of the radar (the upper-left corner). Packet 17 (DPA)
 * states no corner: its grid is taken as centred on the radar.
 */
function cartesianGridOf(product: Level3Product, raster: RasterImage, colors: Uint32Array): CodedCartesianGrid {
  const d = product.description;
  const cell = raster.cellSizeKm;
  const stated = raster.xScale !== 0;
  return {
    latitude: d.latitude,
    longitude: d.longitude,
    columns: raster.cols,
    rows: raster.rows,
    cellSizeKm: cell,
    xMinKm: stated ? raster.iStart / 4 : (-raster.cols * cell) / 2,
    yMaxKm: stated ? raster.jStart / 4 : (raster.rows * cell) / 2,
    codes: raster.levels,
    codeColors: colors,
  };
}

export interface RenderedProduct {
  overlay: RenderedOverlay;
  scale: ColorScale;
  /** Grid facts for the metadata JSON. */
  grid: Record<string, unknown>;
}

/** A radial/raster product's image as the renderers' coded grid, with its colours and the value of each level. */
export interface ProductGrid {
  grid: CodedPolarGrid | CodedCartesianGrid;
  scale: ColorScale;
  /** Physical value of each data level (index = level), NaN for flag levels. */
  levelValues: Float32Array;
}

/** The product's radial (or else raster) image as a coded grid coloured by its scale. */
export function productGrid(product: Level3Product): ProductGrid {
  const levelValues = levelValueTable(product);
  const scale = colorScaleForProduct(product, levelValues);
  const colors = codeColors(scale, levelValues);
  const radial = product.radial;
  if (radial) return { grid: polarGridOf(product, radial, colors), scale, levelValues };
  return { grid: cartesianGridOf(product, product.raster!, colors), scale, levelValues };
}

/**
 * Renders the product's radial (or else raster) image as a Web Mercator PNG, straight from its
 * data levels: each level's colour is the colour of its value.
 */
export function renderProduct(product: Level3Product, size: number): RenderedProduct {
  const { grid, scale } = productGrid(product);
  const radial = product.radial;
  if (radial) {
    return {
      overlay: renderPolarPng(grid as CodedPolarGrid, scale, { size }),
      scale,
      grid: {
        type: 'radial',
        packetCode: radial.packetCode,
        radialCount: radial.radialCount,
        binCount: radial.binCount,
        binSizeKm: radial.binSizeKm,
        firstBinKm: radial.firstBinKm,
        rangeIsSlant: product.description.elevationAngle !== null,
      },
    };
  }
  const raster = product.raster!;
  const cartesian = grid as CodedCartesianGrid;
  return {
    overlay: renderRasterPng(cartesian, scale, { size }),
    scale,
    grid: { type: 'raster', packetCode: raster.packetCode, rows: raster.rows, columns: raster.cols, cellSizeKm: cartesian.cellSizeKm, xMinKm: cartesian.xMinKm, yMaxKm: cartesian.yMaxKm },
  };
}
