// A tiny made-up format, to show that adding a format is its own module and one registration:
// a text file `TINYPRODUCT <site> <mnemonic> <ISO time>` catalogued as a Level 3 product with its
// raw bytes kept (no image). Nothing outside this module knows it.
import { RadomeError } from '../../core/errors.js';
import { isRadarSiteId, level3ProductId, type RadarSiteId } from '../../core/vocabulary/index.js';
import type { FileFormat } from '../../ingest/formats/types.js';
import type { PlannedObject } from '../../ingest/plan-types.js';
import type { ProductRow, RadarSiteRow } from '../../store/catalog/index.js';

const MAGIC = 'TINYPRODUCT ';

export interface TinyProduct {
  site: RadarSiteId;
  mnemonic: string;
  scanTime: number;
}

export interface TinyPlan {
  site: RadarSiteRow;
  product: ProductRow;
  objects: PlannedObject[];
}

export const tinyFormat: FileFormat<TinyProduct, TinyPlan> = {
  id: 'tiny',
  name: 'tiny test product',
  test: (bytes) => new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) === MAGIC,
  decode(bytes) {
    const [, site, mnemonic, time] = new TextDecoder().decode(bytes).trim().split(/\s+/);
    const scanTime = Date.parse(time ?? '');
    if (!site || !isRadarSiteId(site) || !mnemonic || !Number.isFinite(scanTime)) throw new RadomeError('CORRUPT', 'a tiny product is TINYPRODUCT <site> <mnemonic> <ISO time>');
    return { site, mnemonic, scanTime };
  },
  plan(bytes, object, options) {
    const { site, mnemonic, scanTime } = tinyFormat.decode(bytes);
    const id = level3ProductId(site, mnemonic, scanTime);
    const stem = `tiny/${id}`;
    const product: ProductRow = {
      id,
      site,
      // A code no real product has (product codes run 16-32767; ICD 2620001 assigns up to ~200).
      code: 32000,
      mnemonic,
      name: 'Tiny product',
      category: 'OTHER',
      scanTime,
      elevationAngle: null,
      units: '',
      imageKey: null,
      metadataKey: `${stem}.json`,
      rawKey: `${stem}.raw`,
      bbox: null,
      corners: null,
      source: object.source,
      sourceKey: object.key,
      sourceSize: object.size,
      sourceFingerprint: object.fingerprint,
      ingestedAt: options.ingestedAt,
      maxAccumulationIn: null,
    };
    const objects: PlannedObject[] = [
      { key: product.rawKey, body: bytes.slice(), contentType: 'application/octet-stream' },
      { key: product.metadataKey, body: new TextEncoder().encode(JSON.stringify({ site, mnemonic, scanTime })), contentType: 'application/json' },
    ];
    return { site: { id: site, latitude: 41.6, longitude: -88.08, heightM: 202 }, product, objects };
  },
  ingestPlan: (plan) => ({
    kind: 'level3',
    id: plan.product.id,
    summary: 'tiny product',
    objects: plan.objects,
    commit: (writer, file) => writer.products.commit({ file, site: plan.site, product: plan.product }),
  }),
};
