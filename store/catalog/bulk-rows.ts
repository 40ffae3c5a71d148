// What a bulk load writes for each commit it stands in for, the same on both engines: the rows and
// events the writer's commits would leave, handed table by table to the engine's loader
// (./sqlite/bulk-load.ts batches INSERTs, ./postgres/bulk-load.ts COPY text).
import type { CommitLevel3ProductInput } from './products.js';
import type { CommitLevel2VolumeInput } from './radar.js';
import { productParams } from './rows/product-rows.js';
import { sweepParams, volumeParams } from './rows/radar-rows.js';

/** One volume and the products made from it, as ingest commits them (in that order). */
export interface BulkCatalogItem {
  volume: CommitLevel2VolumeInput;
  products: CommitLevel3ProductInput[];
}

export interface BulkLoadResult {
  volumes: number;
  sweeps: number;
  products: number;
}

/** A table's rows as the engine buffers them: volumes, sweeps and products as the writer's named parameters (in column order), the rest as values. */
interface RowSink<Row> {
  add(row: Row): void;
}

export interface BulkTables {
  volume: RowSink<Record<string, unknown>>;
  sweep: RowSink<Record<string, unknown>>;
  product: RowSink<Record<string, unknown>>;
  /** source, key, fingerprint, size, ingested_at, volume_id, product_id */
  file: RowSink<unknown[]>;
  /** at, kind, site, subject_id, code */
  event: RowSink<unknown[]>;
}

type BulkSite = BulkCatalogItem['volume']['site'];

/** What a load has written so far: its counts, the longest volume and sweep (duration_bounds), the sites it has met. */
export class BulkLoadTally {
  readonly counts: BulkLoadResult = { volumes: 0, sweeps: 0, products: 0 };
  readonly longestMs = { volume: 0, sweep: 0 };
  private readonly sites = new Set<string>();

  /** The item's sites this load has not met before: the engine upserts their radar_sites rows. */
  newSites({ volume, products }: BulkCatalogItem): BulkSite[] {
    const added: BulkSite[] = [];
    for (const site of [volume.site, ...products.map((p) => p.site)]) {
      if (this.sites.has(site.id)) continue;
      this.sites.add(site.id);
      added.push(site);
    }
    return added;
  }

  /** Adds the item's rows to `tables`: its volume, sweeps, source files and events, then each product's. */
  add({ volume: v, products }: BulkCatalogItem, tables: BulkTables): void {
    tables.volume.add(volumeParams(v.volume));
    for (const s of v.sweeps) {
      tables.sweep.add(sweepParams(s));
      this.longestMs.sweep = Math.max(this.longestMs.sweep, s.endTime - s.startTime);
    }
    this.longestMs.volume = Math.max(this.longestMs.volume, v.volume.scanEnd - v.volume.scanStart);
    tables.file.add([v.file.source, v.file.key, v.file.fingerprint, v.file.size, v.file.ingestedAt, v.volume.id, null]);
    tables.event.add([v.volume.ingestedAt, 'LEVEL2_VOLUME', v.site.id, v.volume.id, null]);
    this.counts.volumes++;
    this.counts.sweeps += v.sweeps.length;
    for (const p of products) {
      tables.product.add(productParams(p.product));
      tables.file.add([p.file.source, p.file.key, p.file.fingerprint, p.file.size, p.file.ingestedAt, null, p.product.id]);
      tables.event.add([p.product.ingestedAt, 'LEVEL3_PRODUCT', p.site.id, p.product.id, p.product.code]);
      this.counts.products++;
    }
  }
}
