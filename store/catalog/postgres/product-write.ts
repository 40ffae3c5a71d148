import type { CommitLevel3ProductInput, ProductRow } from '../products.js';
import type { CommitResult } from '../radar.js';
import { PRODUCT_COLUMN_COUNT, PRODUCT_COLUMNS, productParams } from '../rows/product-rows.js';
import { checkLevel3Product, productObjectKeys } from '../sqlite/product-write.js';
import { appendCatalogEvent } from './events.js';
import { ensurePartitions, PRODUCTS } from './partitions.js';
import { CLEAR_FAILURE, placeholders } from './radar-write.js';
import type { PgSession } from './session.js';

/** A site already known (from a Level 2 volume, whose location is finer) keeps its location. */
const INSERT_SITE = 'INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING';

const INSERT_PRODUCT = `INSERT INTO products (${PRODUCT_COLUMNS}) VALUES ${placeholders(PRODUCT_COLUMN_COUNT)}`;

const UPSERT_SOURCE_FILE = `
  INSERT INTO source_files (source, key, fingerprint, size, ingested_at, product_id) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (source, key, fingerprint) DO UPDATE SET size = excluded.size, product_id = excluded.product_id`;

/**
 * Records one ingested Level 3 file in ONE transaction, as the SQLite engine does. The product's
 * key is (id, scan_time) on the partitioned table, so a product arriving again is deleted and
 * inserted rather than upserted: its id stays unique even if its scan time changed.
 */
export async function commitLevel3Product(db: PgSession, input: CommitLevel3ProductInput): Promise<CommitResult> {
  checkLevel3Product(input);
  const { file, site, product } = input;
  return db.transaction(async () => {
    await ensurePartitions(db, PRODUCTS, [product.scanTime]);
    // No unique key on the id alone (see migrations.ts): commits of one product id take turns.
    await db.exec("SELECT pg_advisory_xact_lock(hashtext('product:' || ?))", [product.id]);
    const previous = await db.row<Pick<ProductRow, 'imageKey' | 'metadataKey' | 'rawKey'>>(
      'SELECT image_key AS "imageKey", metadata_key AS "metadataKey", raw_key AS "rawKey" FROM products WHERE id = ?',
      [product.id],
    );
    await db.exec(INSERT_SITE, [site.id, site.latitude, site.longitude, site.heightM]);
    if (previous) await db.exec('DELETE FROM products WHERE id = ?', [product.id]);
    await db.exec(INSERT_PRODUCT, Object.values(productParams(product)));
    await db.exec(UPSERT_SOURCE_FILE, [file.source, file.key, file.fingerprint, file.size, file.ingestedAt, product.id]);
    await db.exec(CLEAR_FAILURE, [file.source, file.key, file.fingerprint]);
    await appendCatalogEvent(db, { kind: 'LEVEL3_PRODUCT', site: site.id, subjectId: product.id, code: product.code });
    const kept = new Set(productObjectKeys(product));
    const stale = previous ? productObjectKeys(previous).filter((k) => !kept.has(k)) : [];
    return { staleObjectKeys: stale.sort() };
  });
}
