import { RadomeError } from '../../core/errors.js';
import { decodeLevel3, type Level3Product } from '../../ingest/decode/level3/index.js';
import type { Level2Sweep, RadarLocation } from '../../core/radar-sweep.js';
import type { Moment } from '../../core/vocabulary/index.js';
import { readStoredSweep } from '../../store/radar/sweep-store-read.js';
import type { ObjectStore } from '../../store/types.js';
import type { ProductRow, SweepRow, VolumeRow } from '../../store/catalog/index.js';

/** One moment of one stored sweep, decoded. */
export interface LoadedSweep {
  site: string;
  location: RadarLocation;
  /** The sweep with (at least) the row's moment filled. */
  sweep: Level2Sweep;
}

/**
 * Where tiles and point values get the data behind a catalogued sweep or product: the stored
 * data, never the rendered PNGs. Errors are RadomeErrors (NOT_FOUND for missing data, CORRUPT
 * for data that does not decode).
 */
export interface RadarGridSource {
  loadSweep(row: SweepRow, volume: VolumeRow): Promise<LoadedSweep>;
  loadProduct(row: ProductRow): Promise<Level3Product>;
}

/**
 * Reads sweeps from the volumes' analysis-ready Zarr stores (the catalog's zarr_key and
 * sweep_index, readStoredSweep) and products from their stored raw message.
 */
export class StoredGridSource implements RadarGridSource {
  constructor(private readonly objects: ObjectStore) {}

  async loadSweep(row: SweepRow, volume: VolumeRow): Promise<LoadedSweep> {
    if (volume.zarrKey === null || row.sweepIndex === null) {
      throw new RadomeError('NOT_FOUND', `volume ${volume.id} has no sweep store (ingested before radome kept one); ingest it again to serve its tiles and values`);
    }
    // The volume's ingest time versions its store (each ingest writes it whole).
    const stored = await readStoredSweep(this.objects, volume.zarrKey, row.sweepIndex, [row.moment as Moment], volume.ingestedAt);
    if (stored.sweep.elevationNumber !== row.elevationNumber) {
      throw new RadomeError('CORRUPT', `sweep store ${volume.zarrKey}: sweep_${row.sweepIndex} is cut ${stored.sweep.elevationNumber}, the catalog's is ${row.elevationNumber}`);
    }
    return stored;
  }

  async loadProduct(row: ProductRow): Promise<Level3Product> {
    const stored = await this.objects.get(row.rawKey);
    if (!stored) throw new RadomeError('NOT_FOUND', `the stored product ${row.rawKey} of ${row.id} is missing`);
    try {
      return decodeLevel3(stored.body);
    } catch (e) {
      throw new RadomeError('CORRUPT', `the stored product ${row.rawKey} of ${row.id} does not decode: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}
