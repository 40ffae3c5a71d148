import { RadomeError } from '../../../core/errors.js';
import { PRODUCT_CATEGORIES } from '../../../core/vocabulary/index.js';
import type { CommitLevel3ProductInput, ProductRow } from '../products.js';
import type { CommitResult } from '../radar.js';
import { appendCatalogEvent } from './events.js';
import { productParams } from '../rows/product-rows.js';
import { sourceFileParams } from './rows.js';
import type { StatementCache } from './statements.js';

/**
 * Level 3 locations are stated to 0.001° and whole feet; a site already known (from a Level 2
 * volume, whose location is finer) keeps its location.
 */
const INSERT_SITE = `
  INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES (@id, @latitude, @longitude, @heightM)
  ON CONFLICT (id) DO NOTHING`;

const UPSERT_PRODUCT = `
  INSERT INTO products (id, site, code, mnemonic, name, category, scan_time, elevation_angle, units, image_key,
    metadata_key, raw_key, west, south, east, north, corners, source, source_key, source_size, source_fingerprint, ingested_at,
    max_accumulation_in)
  VALUES (@id, @site, @code, @mnemonic, @name, @category, @scanTime, @elevationAngle, @units, @imageKey,
    @metadataKey, @rawKey, @west, @south, @east, @north, @corners, @source, @sourceKey, @sourceSize, @sourceFingerprint, @ingestedAt,
    @maxAccumulationIn)
  ON CONFLICT (id) DO UPDATE SET site = excluded.site, code = excluded.code, mnemonic = excluded.mnemonic,
    name = excluded.name, category = excluded.category, scan_time = excluded.scan_time,
    elevation_angle = excluded.elevation_angle, units = excluded.units, image_key = excluded.image_key,
    metadata_key = excluded.metadata_key, raw_key = excluded.raw_key, west = excluded.west, south = excluded.south,
    east = excluded.east, north = excluded.north, corners = excluded.corners, source = excluded.source,
    source_key = excluded.source_key, source_size = excluded.source_size,
    source_fingerprint = excluded.source_fingerprint, ingested_at = excluded.ingested_at,
    max_accumulation_in = excluded.max_accumulation_in`;

/** A re-ingested file keeps its first ingest time; it now points at this product. */
const UPSERT_SOURCE_FILE = `
  INSERT INTO source_files (source, key, fingerprint, size, ingested_at, product_id)
  VALUES (@source, @key, @fingerprint, @size, @ingestedAt, @productId)
  ON CONFLICT (source, key, fingerprint) DO UPDATE SET size = excluded.size, product_id = excluded.product_id`;

function bad(message: string): RadomeError {
  return new RadomeError('BAD_INPUT', `commitLevel3Product: ${message}`);
}

/** Catches a planner's mistakes with a clear message before SQLite would with a vague one. */
export function checkLevel3Product({ file, site, product: p }: CommitLevel3ProductInput): void {
  if (site.id !== p.site) throw bad(`product ${p.id} is at ${p.site} but the site row is ${site.id}`);
  if (file.source !== p.source || file.key !== p.sourceKey || file.fingerprint !== p.sourceFingerprint) {
    throw bad(`product ${p.id} names source file ${p.source}:${p.sourceKey} (${p.sourceFingerprint}), not the committed ${file.source}:${file.key} (${file.fingerprint})`);
  }
  for (const [what, t] of [
    ['scanTime', p.scanTime],
    ['ingestedAt', p.ingestedAt],
    ['file ingestedAt', file.ingestedAt],
  ] as const) {
    if (!Number.isSafeInteger(t)) throw bad(`product ${p.id} ${what} ${t} is not a whole number of epoch milliseconds`);
  }
  if (!Number.isInteger(p.code) || p.code < 16 || p.code > 32767) throw bad(`product ${p.id} code ${p.code} is not a product code (16-32767)`);
  if (!(PRODUCT_CATEGORIES as readonly string[]).includes(p.category)) throw bad(`product ${p.id} category ${String(p.category)} is not one of ${PRODUCT_CATEGORIES.join(', ')}`);
  const rendered = [p.imageKey, p.bbox, p.corners].filter((x) => x !== null).length;
  if (rendered !== 0 && rendered !== 3) throw bad(`product ${p.id} needs imageKey, bbox and corners together (or none of them)`);
  if (p.bbox && (p.bbox.length !== 4 || !p.bbox.every(Number.isFinite))) throw bad(`product ${p.id} bbox is not 4 finite numbers`);
  if (p.corners && p.corners.length !== 4) throw bad(`product ${p.id} corners is not 4 [lon, lat] pairs`);
  if (p.maxAccumulationIn !== null && !Number.isFinite(p.maxAccumulationIn)) throw bad(`product ${p.id} maxAccumulationIn ${p.maxAccumulationIn} is not a finite number (or null)`);
}

export function productObjectKeys(p: Pick<ProductRow, 'imageKey' | 'metadataKey' | 'rawKey'>): string[] {
  return [p.imageKey, p.metadataKey, p.rawKey].filter((k): k is string => k !== null);
}

/**
 * Records one ingested Level 3 file in ONE transaction: site (inserted if new), product (replaced
 * if it arrives again) and the source file. Committing the same input again changes nothing. A
 * failure recorded for this file is cleared.
 */
export function commitLevel3Product(statements: StatementCache, input: CommitLevel3ProductInput): CommitResult {
  checkLevel3Product(input);
  const { file, site, product } = input;
  return statements.db
    .transaction((): CommitResult => {
      const previous = statements.prepare('SELECT image_key AS imageKey, metadata_key AS metadataKey, raw_key AS rawKey FROM products WHERE id = ?').get(product.id) as
        | Pick<ProductRow, 'imageKey' | 'metadataKey' | 'rawKey'>
        | undefined;
      statements.prepare(INSERT_SITE).run({ id: site.id, latitude: site.latitude, longitude: site.longitude, heightM: site.heightM });
      statements.prepare(UPSERT_PRODUCT).run(productParams(product));
      statements.prepare(UPSERT_SOURCE_FILE).run(sourceFileParams(file, { productId: product.id }));
      statements.prepare('DELETE FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?').run(file.source, file.key, file.fingerprint);
      appendCatalogEvent(statements, { kind: 'LEVEL3_PRODUCT', site: site.id, subjectId: product.id, code: product.code });
      const kept = new Set(productObjectKeys(product));
      const stale = previous ? productObjectKeys(previous).filter((k) => !kept.has(k)) : [];
      return { staleObjectKeys: stale.sort() };
    })
    .immediate();
}
