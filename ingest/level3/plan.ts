import { RadomeError } from '../../core/errors.js';
import { stormCellsOf, type Level3Product } from '../decode/level3/index.js';
import { buildOverlayMetadata } from '../render/index.js';
import type { SourceObject } from '../sources/types.js';
import { parseLevel3Key } from '../sources/level3-keys.js';
import type { ProductCategoryName, ProductRow, RadarSiteRow } from '../../store/catalog/index.js';
import type { IngestPlan, PlannedObject, PlanOptions } from '../plan-types.js';
import { level3ObjectStem, level3StormCellsKey } from './product-id.js';
import { level3ProductId } from '../../core/vocabulary/index.js';
import { encodeJson, productContents, productFacts } from './product-metadata.js';
import { renderProduct } from './product-render.js';
import { productSite } from './product-site.js';

export interface Level3Plan {
  site: RadarSiteRow;
  product: ProductRow;
  /** PNG (rendered products only), JSON and the raw product; written before the row. */
  objects: PlannedObject[];
  summary: string;
}

/**
 * The product's mnemonic: the AWIPS id's, else the file name's, when the registry lists it for the
 * code (N0H and N1H share code 165: only the name tells the elevation apart); else the registry's
 * usual one; else `P<code>` for codes without one.
 */
function mnemonicOf(product: Level3Product, fileKey: string): string {
  const known = product.info?.mnemonics ?? [];
  const candidates = [product.wmo?.mnemonic, parseLevel3Key(fileKey)?.mnemonic];
  for (const m of candidates) if (m && known.includes(m)) return m;
  if (!product.info && product.wmo?.mnemonic) return product.wmo.mnemonic;
  return known[0] ?? `P${product.message.code}`;
}

/** Halfword 30 of the accumulation products: non-zero means the RPG generated no data. */
function nullProductFlag(product: Level3Product): number {
  return product.description.params.nullProductFlag ?? 0;
}

/**
 * The largest accumulation, inches, a precipitation product states in its description block
 * (maxAccumulationIn of the dual-pol accumulations, maxRainfallIn of the legacy ones); null for
 * other products, rates and differences, and null products (their halfword 47 is 0, not a value).
 */
function maxAccumulationOf(product: Level3Product): number | null {
  if (product.info?.category !== 'PRECIPITATION' || nullProductFlag(product) !== 0) return null;
  const params = product.description.params;
  const value = params.maxAccumulationIn ?? params.maxRainfallIn;
  // Stated to 0.1, 0.01 or 0.001 in: rounding drops the float noise of raw × scale (0.30000000000000004).
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e4) / 1e4 : null;
}

/**
 * Turns a decoded Level 3 product into its objects and catalog row. Pure: the caller writes the
 * objects, then commits the row. Radial/raster products are rendered (PNG + overlay JSON);
 * graphic and tabular products, null products and codes radome does not know are catalogued
 * without an image, their decoded packets and text in the JSON. The raw product is always kept.
 */
export function planLevel3Product(product: Level3Product, raw: Uint8Array, file: SourceObject, options: PlanOptions): Level3Plan {
  const d = product.description;
  const site = productSite(product, file.key);
  const mnemonic = mnemonicOf(product, file.key);
  const scanTime = d.volumeScanTime;
  if (!Number.isSafeInteger(scanTime)) throw new RadomeError('CORRUPT', `volume scan time ${scanTime} (halfwords 18-20) is not a valid time`);
  const id = level3ProductId(site.icao, mnemonic, scanTime);
  const stem = level3ObjectStem(site.icao, mnemonic, scanTime);
  const info = product.info;
  const category: ProductCategoryName = info?.category ?? 'OTHER';
  const units = info?.units ?? '';
  const facts = productFacts(product, site, mnemonic);
  const hasImage = Boolean(info && info.coding.kind !== 'none' && (product.radial || product.raster));
  const flag = nullProductFlag(product);
  if (info && (info.format === 'radial' || info.format === 'raster') && !hasImage && flag === 0) {
    throw new RadomeError('CORRUPT', `product code ${info.code} (${mnemonic}) should carry a ${info.format} image, but its symbology block has none and it is not flagged as a null product`);
  }

  const objects: PlannedObject[] = [{ key: `${stem}.raw`, body: raw, contentType: 'application/octet-stream' }];
  let rendered: ReturnType<typeof renderProduct> | null = null;
  let metadata: Record<string, unknown>;
  let summary: string;
  if (hasImage) {
    rendered = renderProduct(product, options.renderSize);
    const endTime = d.params.endTime;
    metadata = buildOverlayMetadata({
      site: site.icao,
      kind: 'level3',
      id,
      product: mnemonic,
      units,
      startTime: scanTime,
      endTime: typeof endTime === 'number' && Number.isSafeInteger(endTime) ? endTime : undefined,
      elevationAngle: d.elevationAngle,
      overlay: rendered.overlay,
      extra: { ...facts, grid: rendered.grid },
    });
    objects.push({ key: `${stem}.png`, body: rendered.overlay.png, contentType: 'image/png' });
    summary = `${mnemonic} (code ${d.productCode}) rendered ${rendered.overlay.width}×${rendered.overlay.height}`;
  } else {
    metadata = {
      id,
      site: site.icao,
      kind: 'level3',
      product: mnemonic,
      units,
      startTime: new Date(scanTime).toISOString(),
      endTime: null,
      elevationAngle: d.elevationAngle,
      image: null,
      bbox: null,
      corners: null,
      ...facts,
      ...(flag !== 0 ? { nullProduct: { flag, meaning: 'the RPG generated no data for this product (null product flag, halfword 30)' } } : {}),
      ...productContents(product),
    };
    summary =
      flag !== 0
        ? `${mnemonic} (code ${d.productCode}) null product (flag ${flag}), catalogued without an image`
        : `${mnemonic} (code ${d.productCode}) ${info?.format ?? 'unknown'} product, catalogued without an image`;
  }
  objects.push({ key: `${stem}.json`, body: encodeJson(metadata), contentType: 'application/json' });
  // Storm products' cells as a small object of their own: the server reads these, not the packets.
  const cells = flag === 0 ? stormCellsOf(product) : null;
  if (cells) objects.push({ key: level3StormCellsKey(`${stem}.raw`), body: encodeJson(cells), contentType: 'application/json' });

  return {
    site: { id: site.icao, latitude: d.latitude, longitude: d.longitude, heightM: d.heightM },
    product: {
      id,
      site: site.icao,
      code: d.productCode,
      mnemonic,
      name: info?.name ?? `Product ${d.productCode}`,
      category,
      scanTime,
      elevationAngle: d.elevationAngle,
      units,
      imageKey: rendered ? `${stem}.png` : null,
      metadataKey: `${stem}.json`,
      rawKey: `${stem}.raw`,
      bbox: rendered?.overlay.bbox ?? null,
      corners: rendered?.overlay.corners ?? null,
      source: file.source,
      sourceKey: file.key,
      sourceSize: file.size,
      sourceFingerprint: file.fingerprint,
      ingestedAt: options.ingestedAt,
      maxAccumulationIn: maxAccumulationOf(product),
    },
    objects,
    summary,
  };
}

/** A Level 3 plan made elsewhere (e.g. on a worker thread) as an ingest plan. */
export function level3IngestPlanOf(plan: Level3Plan): IngestPlan {
  return {
    kind: 'level3',
    id: plan.product.id,
    summary: plan.summary,
    objects: plan.objects,
    commit: (writer, fileRow) => writer.products.commit({ file: fileRow, site: plan.site, product: plan.product }),
  };
}
