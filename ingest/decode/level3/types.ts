/**
 * The decoded form of a NEXRAD Level 3 product (ICD 2620001 "RPG to Class 1 User"). Bulk data is in
 * typed arrays; graphic and text content is kept as small structured values. Offsets named in
 * errors and warnings are bytes from the start of the message header ("message offset"); for
 * bzip2-compressed products that is the message as if it were uncompressed, as the ICD's own block
 * offsets count.
 */
import type { RadarSiteId } from '../../../core/vocabulary/index.js';
import type { Level3ProductInfo } from './products.js';

/** The WMO abbreviated heading and AWIPS identifier lines that precede products on NOAAPort. */
export interface WmoHeader {
  /** TTAAii, e.g. "SDUS53". */
  wmoId: string;
  /** Issuing office, e.g. "KLOT" (not always the radar: KDGX products are issued as KJAN). */
  office: string;
  /** Day of month, hour, minute the bulletin was issued, "DDHHMM". */
  issued: string;
  /** AWIPS identifier, e.g. "N0HLOT": product mnemonic + 3-letter radar id. Null when absent. */
  awipsId: string | null;
  /** Product mnemonic from the AWIPS id, e.g. "N0H". */
  mnemonic: string | null;
  /** 3-letter radar id from the AWIPS id, e.g. "LOT". */
  radarId: string | null;
  /** Bytes the heading occupies before the message header. */
  length: number;
}

/** Message header block (halfwords 1-9). */
export interface MessageHeader {
  /** Message code: the product code for product messages. */
  code: number;
  /** Epoch ms UTC of the message. */
  time: number;
  /** Length of the whole message in bytes, header included (compressed length if compressed). */
  lengthBytes: number;
  /** Numeric id of the sending RPG (the ICD's source id; not an ICAO). */
  sourceId: number;
  destinationId: number;
  blockCount: number;
}

export type OperationalMode = 'maintenance' | 'clear-air' | 'precipitation' | 'unknown';

/** Product description block (halfwords 10-60). */
export interface ProductDescription {
  /** Radar position, WGS84 degrees, and height above sea level. */
  latitude: number;
  longitude: number;
  heightFt: number;
  heightM: number;
  productCode: number;
  operationalMode: OperationalMode;
  operationalModeCode: number;
  vcp: number;
  sequenceNumber: number;
  volumeScanNumber: number;
  /** Epoch ms UTC of the volume scan start and of product generation. */
  volumeScanTime: number;
  generationTime: number;
  elevationNumber: number;
  /** Elevation angle, degrees (halfword 30), for products that carry one; else null. */
  elevationAngle: number | null;
  /**
   * Raw product-dependent halfwords 27-53 as unsigned 16-bit values: index i is halfword 27 + i
   * (so halfword 30 is [3], the threshold table halfwords 31-46 are [4..19], 47-53 are [20..26]).
   */
  dependent: Uint16Array;
  /** Product-dependent values named and scaled as the ICD says for this product (registry). */
  params: Record<string, number>;
  /** 0 = none, 1 = bzip2 (halfword 51), for products that can be compressed. */
  compressionMethod: number;
  /** Uncompressed size in bytes of everything after this block (halfwords 52-53), or 0. */
  uncompressedSize: number;
  version: number;
  spotBlank: boolean;
  /** Block offsets in halfwords from the start of the message header; 0 = block absent. */
  symbologyOffset: number;
  graphicOffset: number;
  tabularOffset: number;
}

/** A radial image (packets AF1F, 16 and the radial component of generic packet 28). */
export interface RadialImage {
  packetCode: number;
  radialCount: number;
  binCount: number;
  /** Index of the first range bin (the packet's "first bin"). */
  firstBin: number;
  /** The packet's range scale factor / 1000 (pixels per bin; 0 for packet 28). */
  rangeScale: number;
  /** Length of one bin along the beam, km. */
  binSizeKm: number;
  /** Range to the centre of the first bin, km: (firstBin + 0.5) × binSizeKm. */
  firstBinKm: number;
  /** Sweep centre in screen coordinates (1/4 km units in the symbology block). */
  iCenter: number;
  jCenter: number;
  /** Centre azimuth of each radial, degrees clockwise from north, in [0, 360). */
  azimuths: Float32Array;
  /** Angular width of each radial, degrees. */
  azimuthWidths: Float32Array;
  /** radialCount × binCount raw data levels, radial-major, in the product's radial order. */
  levels: Uint8Array | Uint16Array;
}

/** A raster image (packets BA07, BA0F and digital precipitation array packet 17). */
export interface RasterImage {
  packetCode: number;
  rows: number;
  cols: number;
  /** Upper-left corner in screen coordinates (1/4 km units in the symbology block). */
  iStart: number;
  jStart: number;
  /** Screen pixels per cell in x and y (raster packets; 0 for packet 17). */
  xScale: number;
  yScale: number;
  /** Cell size, km (registry resolution when known). */
  cellSizeKm: number;
  /** rows × cols raw data levels, row-major from the top (north) row. */
  levels: Uint8Array;
}

/**
 * An I/J screen position. In the symbology block: 1/4 km east (I) and north (J) of the radar
 * (checked against the STI table's azimuth/range of the same storms). Graphic block pages use
 * their own text-screen coordinates.
 */
export interface ScreenPoint {
  i: number;
  j: number;
}

/** Generic product (packets 28/29), XDR-decoded. */
export interface GenericProduct {
  name: string;
  description: string;
  productCode: number;
  productType: number;
  /** Epoch ms UTC. */
  generationTime: number;
  radarName: string;
  latitude: number;
  longitude: number;
  heightM: number;
  volumeTime: number;
  elevationTime: number;
  elevationAngle: number;
  volumeNumber: number;
  operationalMode: number;
  vcp: number;
  elevationNumber: number;
  compressionMethod: number;
  uncompressedSize: number;
  parameters: Array<[string, string]>;
  components: GenericComponent[];
}

export type GenericComponent =
  | {
      type: 'radial';
      description: string;
      /** Bin length and range to the first bin as the component states them (km per the ICD). */
      binSize: number;
      firstBinRange: number;
      parameters: Array<[string, string]>;
      image: RadialImage;
    }
  | { type: 'text'; parameters: Array<[string, string]>; text: string }
  | { type: 'unsupported'; componentType: number };

/** Named hydrometeor / special-symbol feature types of point feature packet 20. */
export interface PointFeature extends ScreenPoint {
  featureType: number;
  featureName: string;
  attribute: number;
}

/** One trend of cell trend packet 21 (values oldest first, scaled to the units named). */
export interface CellTrend {
  code: number;
  name: string;
  units: string;
  values: number[];
  /** For cell top/base: true where the value was flagged as limited by the scan (> 700 raw). */
  limited?: boolean[];
}

/** Every packet radome decodes, discriminated by `kind` (and `code`, the ICD packet code). */
export type Level3Packet =
  | { kind: 'radial'; code: number; image: RadialImage }
  | { kind: 'raster'; code: number; image: RasterImage }
  | { kind: 'generic'; code: number; product: GenericProduct }
  /** 1 (text), 2 (special symbol characters), 8 (text with colour value). */
  | { kind: 'text'; code: number; i: number; j: number; value: number | null; text: string }
  /** 3, 11 (circles with radius), 12, 13, 14, 26 (points), 25 (STI circle, radius). */
  | { kind: 'symbols'; code: number; symbol: string; points: Array<ScreenPoint & { radius?: number }> }
  | { kind: 'storm-ids'; code: number; points: Array<ScreenPoint & { id: string }> }
  | {
      kind: 'hail';
      code: number;
      /** Probabilities in %, null where HDA computed none (-999: cell beyond its range). */
      points: Array<ScreenPoint & { probabilityOfHail: number | null; probabilityOfSevereHail: number | null; maxHailSizeIn: number }>;
    }
  | { kind: 'point-features'; code: number; points: PointFeature[] }
  | { kind: 'wind-barbs'; code: number; barbs: Array<ScreenPoint & { value: number; directionDeg: number; speedKt: number }> }
  | { kind: 'vector-arrows'; code: number; arrows: Array<ScreenPoint & { directionDeg: number; length: number; headLength: number }> }
  /**
   * 6/9 linked vectors (a polyline: coords are i0,j0,i1,j1,…) and 7/10 unlinked vectors
   * (segments: i1,j1,i2,j2 per segment); 0x0E03/0x3501 linked/unlinked contours.
   */
  | { kind: 'vectors'; code: number; linked: boolean; value: number | null; coords: Int16Array }
  | { kind: 'contour-value'; code: number; value: number }
  | { kind: 'cell-trend'; code: number; cellId: string; i: number; j: number; trends: CellTrend[] }
  /** Volume scan times of cell trends, minutes after midnight UTC, oldest first. */
  | { kind: 'trend-times'; code: number; minutes: number[] }
  /** 23 (SCIT past data) and 24 (SCIT forecast data): packets nested inside. */
  | { kind: 'scit'; code: number; forecast: boolean; packets: Level3Packet[] };

export interface SymbologyBlock {
  /** Packets of each data layer, in order. */
  layers: Level3Packet[][];
}

export interface GraphicPage {
  pageNumber: number;
  packets: Level3Packet[];
  /** The text of the page's text packets, in order (the table rows of STI/HI/MD pages). */
  lines: string[];
}

export interface GraphicBlock {
  pages: GraphicPage[];
}

/** Tabular alphanumeric block, or the text of a stand-alone tabular product. */
export interface TabularBlock {
  /** Each page as its lines, trailing blanks kept (lines are fixed width, usually 80). */
  pages: string[][];
  /** The tabular block's own copy of the message header and description (absent if stand-alone). */
  message: MessageHeader | null;
  description: ProductDescription | null;
}

export interface Level3Product {
  wmo: WmoHeader | null;
  /** 4-letter ICAO of the radar when derivable from the AWIPS id (see siteIcaoFromRadarId). */
  siteIcao: RadarSiteId | null;
  message: MessageHeader;
  description: ProductDescription;
  /** Registry entry for the product code, null for codes radome does not know. */
  info: Level3ProductInfo | null;
  compressed: boolean;
  symbology: SymbologyBlock | null;
  graphic: GraphicBlock | null;
  tabular: TabularBlock | null;
  /**
   * Packets of a stand-alone tabular product's trailing graphic area (e.g. NSS cell trends 21/22),
   * which follow its text without a block header.
   */
  standaloneGraphic: Level3Packet[] | null;
  /** The first radial / raster image in the symbology block, if any (also inside `symbology`). */
  radial: RadialImage | null;
  raster: RasterImage | null;
  /** Non-fatal problems met while decoding, each saying what and where. */
  warnings: string[];
}
