import type { Level3Product } from '../decode/level3/index.js';
import type { ProductSite } from './product-site.js';

/** Typed arrays (vector coordinates, …) as plain JSON arrays. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
}

export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, jsonReplacer));
}

const iso = (t: number): string | null => (Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? new Date(t).toISOString() : null);

/** The product-dependent values by name; those the registry marks as times in ISO 8601. */
function namedParams(product: Level3Product): Record<string, number | string | null> {
  const timeNames = new Set((product.info?.params ?? []).filter((p) => p.type === 'time').map((p) => p.name));
  const out: Record<string, number | string | null> = {};
  for (const [name, value] of Object.entries(product.description.params)) out[name] = timeNames.has(name) ? iso(value) : value;
  return out;
}

/** Facts every product's JSON carries beside the standard overlay (or no-image) fields. */
export function productFacts(product: Level3Product, site: ProductSite, mnemonic: string): Record<string, unknown> {
  const d = product.description;
  return {
    code: d.productCode,
    mnemonic,
    name: product.info?.name ?? null,
    category: product.info?.category ?? 'OTHER',
    format: product.info?.format ?? null,
    siteFrom: site.from,
    radar: { latitude: d.latitude, longitude: d.longitude, heightM: d.heightM },
    generationTime: iso(d.generationTime),
    vcp: d.vcp,
    operationalMode: d.operationalMode,
    volumeScanNumber: d.volumeScanNumber,
    elevationNumber: d.elevationNumber,
    params: namedParams(product),
    compressed: product.compressed,
    wmo: product.wmo && { wmoId: product.wmo.wmoId, office: product.wmo.office, issued: product.wmo.issued, awipsId: product.wmo.awipsId },
    warnings: product.warnings,
  };
}

/** What graphic and tabular products (and null products) hold instead of an image. */
export function productContents(product: Level3Product): Record<string, unknown> {
  return {
    symbology: product.symbology,
    graphic: product.graphic,
    tabular: product.tabular && { pages: product.tabular.pages },
    standaloneGraphic: product.standaloneGraphic,
  };
}
